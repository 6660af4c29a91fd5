import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { type ApiClient, createApiClient } from '../api/api-client';
import { ApiProvider } from '../api/api-context';

/** An API client that must not be called while rendering. */
const unusedApi: ApiClient = createApiClient({
  fetch: () => Promise.reject(new Error('no network in render tests')),
  csrfToken: () => undefined,
});

/**
 * The static HTML of a component, rendered on the server side of React: no DOM needed, so it runs
 * before jsdom is installed. Effects do not run; what is checked is the markup.
 */
export function markup(element: ReactElement): string {
  return renderToStaticMarkup(<ApiProvider value={unusedApi}>{element}</ApiProvider>);
}

/** The visible text of some markup, tags removed and spaces normalised. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/[\s\u00a0\u202f]+/g, ' ')
    .trim();
}
