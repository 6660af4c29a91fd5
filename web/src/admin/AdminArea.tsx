import type { Page } from '../routing/routes';
import { AccessLogPage } from './AccessLogPage';
import { OversightPage } from './OversightPage';
import { RequestsPage } from './RequestsPage';
import { RetentionPage } from './RetentionPage';

/** The admin pages: oversight, retained requests, retention, access log. */
export function AdminArea({ page }: { page: Page }) {
  switch (page) {
    case 'admin-requests':
      return <RequestsPage />;
    case 'admin-retention':
      return <RetentionPage />;
    case 'admin-access-log':
      return <AccessLogPage />;
    default:
      return <OversightPage />;
  }
}
