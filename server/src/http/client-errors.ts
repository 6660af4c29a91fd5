import { type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';

const PROBLEMS: Record<number, { title: string; detail: string }> = {
  408: { title: 'Délai dépassé', detail: 'La requête n’est pas arrivée à temps. Réessayez.' },
  431: {
    title: 'En-têtes trop volumineux',
    detail: 'L’adresse ou les en-têtes de la requête sont trop longs : raccourcissez la recherche.',
  },
};
const MALFORMED = { title: 'Requête invalide', detail: 'La requête HTTP est mal formée.' };

/**
 * Requests Node refuses before Express sees them (an address past 16 KB, a malformed request line)
 * would get a bare status line: they get an RFC 9457 problem like every other error.
 */
export function answerClientErrorsWithProblems(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const status = statusOf(error.code);
    const body = JSON.stringify({ type: 'about:blank', status, ...(PROBLEMS[status] ?? MALFORMED) });
    socket.end(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  });
}

function statusOf(code: string | undefined): number {
  if (code === 'HPE_HEADER_OVERFLOW') return 431;
  if (code === 'ERR_HTTP_REQUEST_TIMEOUT') return 408;
  return 400;
}
