import type { ReactNode } from 'react';

export type AlertSeverity = 'info' | 'success' | 'warning' | 'error';

interface AlertProps {
  severity: AlertSeverity;
  title?: string;
  children?: ReactNode;
  /** `alert` interrupts the screen reader; `status` waits its turn; none for static content. */
  live?: 'alert' | 'status';
  id?: string;
  className?: string;
}

/** A DSFR alert (`fr-alert`); maps to react-dsfr's `<Alert>` once it is installed. */
export function Alert({ severity, title, children, live, id, className }: AlertProps) {
  return (
    <div id={id} className={`fr-alert fr-alert--${severity} ${className ?? ''}`} role={live}>
      {title && <p className="fr-alert__title">{title}</p>}
      {children}
    </div>
  );
}
