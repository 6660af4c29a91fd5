import type { ReactNode } from 'react';

interface BadgeProps {
  severity?: 'info' | 'success' | 'warning' | 'error' | 'new';
  small?: boolean;
  children: ReactNode;
}

/** A DSFR badge (`fr-badge`); maps to react-dsfr's `<Badge>`. */
export function Badge({ severity, small, children }: BadgeProps) {
  const classes = ['fr-badge', severity && `fr-badge--${severity}`, small && 'fr-badge--sm'].filter(Boolean);
  return <span className={classes.join(' ')}>{children}</span>;
}
