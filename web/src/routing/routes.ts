import type { UserRole } from '@reco/contracts';

export type Page =
  | 'home'
  | 'help'
  | 'admin-requests'
  | 'admin-oversight'
  | 'admin-retention'
  | 'admin-access-log';

const PATHS: Record<Page, string> = {
  home: '/',
  help: '/aide',
  'admin-requests': '/admin/demandes',
  'admin-oversight': '/admin/supervision',
  'admin-retention': '/admin/conservation',
  'admin-access-log': '/admin/journal',
};

export const PAGE_TITLES: Record<Page, string> = {
  home: 'Espace conseiller',
  help: 'Aide',
  'admin-requests': 'Demandes conservées',
  'admin-oversight': 'Supervision',
  'admin-retention': 'Conservation des données',
  'admin-access-log': 'Journal des accès',
};

/** `#/aide` → `help`; anything unknown is the home page. */
export function pageOfHash(hash: string): Page {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  const found = (Object.entries(PATHS) as [Page, string][]).find(([, p]) => p === path);
  return found ? found[0] : 'home';
}

export function hrefOf(page: Page): string {
  return `#${PATHS[page]}`;
}

/** The pages of a role's area, in menu order; the admin's home is the oversight dashboard. */
export function navigationOf(role: UserRole): Page[] {
  return role === 'admin'
    ? ['admin-oversight', 'admin-requests', 'admin-retention', 'admin-access-log', 'help']
    : ['home', 'help'];
}

/** The page a role actually sees for a route: each role keeps to its own area. */
export function pageForRole(page: Page, role: UserRole): Page {
  if (page === 'help') return page;
  if (role === 'admin') return page.startsWith('admin-') ? page : 'admin-oversight';
  return 'home';
}
