import { stat } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadReferentials } from '@reco/referentials';
import { openCatalogue } from '../catalogue-wiring';
import { ingest } from '../pipeline/ingest';
import type { SourceFormat } from '../pipeline/read-files';
import { loadIngestConfig } from './config';
import { terminalProgress } from './progress-bar';
import { formatQualityReport } from './quality-report';

const USAGE = `Usage: npm run ingest -- [--format lheo|mcf|partner] [--partial] FILE...
       npm run ingest -- --report [--json]

Ingests catalogue files (LHEO XML, Mon Compte Formation CSV/JSON, partner JSON feed; the format is
detected from the content unless --format is given) into the database named by DATABASE_URL, else
the embedded one in PGLITE_DIR. Prints one JSON line with the run's figures on stdout.
  --partial   the files are an incremental delivery: retire nothing that they lack
  --report    print the quality report of the catalogue (per producer) instead`;

const FORMATS: readonly string[] = ['lheo', 'mcf', 'partner'] satisfies SourceFormat[];

async function main(): Promise<number> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const format = args.values.format;
  if (format !== undefined && !FORMATS.includes(format)) {
    process.stderr.write(`Unknown format "${format}".\n\n${USAGE}\n`);
    return 2;
  }
  if (!args.values.report && args.positionals.length === 0) {
    process.stderr.write(`No file to ingest.\n\n${USAGE}\n`);
    return 2;
  }
  const settings = loadIngestConfig();
  const { db, catalogue, embedding } = await openCatalogue(settings);
  try {
    if (args.values.report) {
      const report = await catalogue.qualityReport();
      process.stdout.write(
        args.values.json ? `${JSON.stringify(report)}\n` : `${formatQualityReport(report)}\n`,
      );
      return 0;
    }
    const files = args.positionals.map((path) => ({ path, format: format as SourceFormat | undefined }));
    const sizes = new Map(
      await Promise.all(
        files.map(async ({ path }) => [path.split('/').at(-1) ?? path, await sizeOf(path)] as const),
      ),
    );
    const progress = terminalProgress(sizes);
    const summary = await ingest(
      {
        catalogue,
        embedding,
        referentials: loadReferentials(),
        referenceDate: new Date().toISOString().slice(0, 10),
        onProgress: progress.onProgress,
      },
      files,
      { partial: args.values.partial },
    );
    progress.stop();
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  } finally {
    await db.close();
  }
}

function parseCli() {
  return parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      partial: { type: 'boolean', default: false },
      report: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`Ingestion failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
