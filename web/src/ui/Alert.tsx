import { Alert as DsfrAlert } from '@codegouvfr/react-dsfr/Alert';
import type { ReactNode } from 'react';

export type AlertSeverity = 'info' | 'success' | 'warning' | 'error';

interface AlertProps {
  severity: AlertSeverity;
  title?: string;
  children?: ReactNode;
  /** `alert` interrupts the screen reader; `status` waits its turn; none for static content. */
  live?: 'alert' | 'status';
  /** The title's heading level, to follow the page's outline (DSFR default `h3`). */
  as?: 'h2' | 'h3' | 'h4';
  id?: string;
  className?: string;
}

/**
 * react-dsfr's `<Alert>`; the live region is explicit (no role unless asked, RGAA 8.7). Its title is a
 * heading (`h3`, the DSFR markup); without a title the alert is the small variant.
 */
export function Alert({ severity, title, children, live, as, id, className }: AlertProps) {
  const description = children ?? '';
  return title ? (
    <DsfrAlert
      id={id}
      className={className}
      severity={severity}
      title={title}
      {...(as ? { as } : {})}
      description={description || undefined}
      role={live}
    />
  ) : (
    <DsfrAlert
      id={id}
      className={className}
      severity={severity}
      small
      description={description}
      role={live}
    />
  );
}
