import { Badge as DsfrBadge } from '@codegouvfr/react-dsfr/Badge';
import type { ReactNode } from 'react';

interface BadgeProps {
  severity?: 'info' | 'success' | 'warning' | 'error' | 'new';
  small?: boolean;
  children: NonNullable<ReactNode>;
}

/** react-dsfr's `<Badge>`, inline (`span`) so that it can sit in a heading or a line of text. */
export function Badge({ severity, small, children }: BadgeProps) {
  return (
    <DsfrBadge as="span" severity={severity} small={small}>
      {children}
    </DsfrBadge>
  );
}
