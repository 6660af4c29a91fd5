/**
 * Vitest setup for the whole repository: jest-dom matchers on `expect`, and, in the files that run in
 * jsdom (`// @vitest-environment jsdom`), the rendered tree removed after each test.
 */
import '@testing-library/jest-dom/vitest';
import { afterEach } from 'vitest';

if (typeof document !== 'undefined') {
  const { cleanup } = await import('@testing-library/react');
  afterEach(() => cleanup());
}
