import type { ErrorReportRequest, SetAsideReason } from '@reco/contracts';
import type { AuditRequestRow } from '@reco/db';

/** Excel opens UTF-8 correctly only with it. */
export const CSV_BOM = '\uFEFF';
/** The list separator of French spreadsheets. */
export const CSV_SEPARATOR = ';';
const LINE_END = '\r\n';

const REASON_LABELS: Record<SetAsideReason, string> = {
  not_relevant: 'non pertinente',
  too_far: 'trop loin',
  dates: 'dates',
  level: 'niveau',
  cost: 'coût',
  already_done: 'déjà suivie',
  other: 'autre',
};

const REPORT_LABELS: Record<ErrorReportRequest['kind'], string> = {
  wrong_fact: 'information erronée',
  invented_content: 'contenu inventé',
  inappropriate: 'contenu inapproprié',
};

type Cell = string | number | null | undefined;

const LIST = ' | ';

/** One column per fact an auditor filters on; lists inside a cell are separated by ` | `. */
const COLUMNS: readonly [header: string, value: (row: AuditRequestRow) => Cell][] = [
  ['Demande', (row) => row.requestId],
  ['Date (UTC)', (row) => row.createdAt.toISOString()],
  ['Conversation', (row) => row.conversationId],
  ['Tour', (row) => row.turn],
  ['Conseiller (pseudonyme)', (row) => row.counsellor],
  ['Équipe', (row) => row.team],
  ['Garde-fou', (row) => row.guardrail.decision],
  ['Catégories détectées', (row) => row.guardrail.categories.join(LIST)],
  ['Mode', (row) => row.mode],
  ['Version du prompt', (row) => row.promptVersion],
  ['Modèle', (row) => row.model],
  ['Demande expurgée', (row) => row.redactedPrompt],
  ['Suggestions (rang offre)', (row) => row.suggestions.map((s) => `${s.rank} ${s.offerId}`).join(LIST)],
  ['Décidée le (UTC)', (row) => row.decision?.decidedAt],
  ['Délai de décision (ms)', (row) => row.decision?.msToDecide],
  [
    'Retenues',
    (row) =>
      row.decision?.items
        .filter((item) => item.action === 'retained')
        .map((item) => item.offerId)
        .join(LIST),
  ],
  [
    'Écartées (motif)',
    (row) =>
      row.decision?.items
        .filter((item) => item.action === 'set_aside')
        .map((item) => {
          const reason = item.reason ? REASON_LABELS[item.reason] : 'sans motif';
          return `${item.offerId} (${reason}${item.comment ? ` : ${item.comment}` : ''})`;
        })
        .join(LIST),
  ],
  [
    'Explications modifiées',
    (row) =>
      row.decision?.items
        .filter((item) => item.editedText !== undefined)
        .map((item) => item.offerId)
        .join(LIST),
  ],
  ['Ajoutées par le conseiller', (row) => row.decision?.added.map((offer) => offer.offerId).join(LIST)],
  [
    'Signalements',
    (row) => row.errorReports.map((report) => `${report.offerId} (${REPORT_LABELS[report.kind]})`).join(LIST),
  ],
];

export function csvHeader(): string {
  return `${CSV_BOM}${COLUMNS.map(([header]) => csvCell(header)).join(CSV_SEPARATOR)}${LINE_END}`;
}

export function csvLine(row: AuditRequestRow): string {
  return `${COLUMNS.map(([, value]) => csvCell(value(row))).join(CSV_SEPARATOR)}${LINE_END}`;
}

/**
 * A quoted cell. A text starting with `=`, `+`, `-`, `@` (or a tab or carriage return) would be run
 * as a formula by a spreadsheet: it is prefixed with `'` so that it stays text (OWASP, CSV injection).
 */
export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}
