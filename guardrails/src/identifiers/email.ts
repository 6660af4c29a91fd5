import type { IdentifierSpan } from './span';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

export function findEmails(text: string): IdentifierSpan[] {
  if (!text.includes('@')) return [];
  return [...text.matchAll(EMAIL)].map((m) => ({
    kind: 'email',
    start: m.index,
    end: m.index + m[0].length,
  }));
}
