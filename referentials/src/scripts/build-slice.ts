/**
 * Rebuilds referentials/data/*.json.gz from the raw public files (run by hand, output committed):
 *   npx tsx referentials/src/scripts/build-slice.ts [raw data dir, default /work/shared/data]
 * See referentials/data/SOURCES.md for the sources and the derivations.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { buildCertifications } from '../build/certifications';
import { buildCommunes } from '../build/communes';
import { buildFormacode } from '../build/formacode';
import { buildRncp } from '../build/rncp';
import { buildRome } from '../build/rome';
import { SLICE_FILES } from '../slice-format';

const rawDir = process.argv[2] ?? '/work/shared/data';
const outDir = fileURLToPath(new URL('../../data/', import.meta.url));

function write(file: string, content: unknown): void {
  const gzipped = gzipSync(JSON.stringify(content), { level: 9 });
  writeFileSync(join(outDir, file), gzipped);
  console.log(`${file}: ${(gzipped.length / 1024).toFixed(0)} KiB`);
}

const rome = buildRome(rawDir);
write(SLICE_FILES.rome, rome.slice);
console.log(`  ${rome.slice.jobs.length} ROME codes, ${rome.slice.appellations.length} appellations`);

const certifications = buildCertifications(rawDir, rome.romeCodes);
write(SLICE_FILES.certifications, certifications.rows);
console.log(`  ${certifications.rows.length} certifications`, certifications.report);

const rncp = buildRncp(rawDir, rome.romeCodes, certifications.rows);
write(SLICE_FILES.rncp, rncp.rows);
console.log(`  ${rncp.rows.length} RNCP codes`, rncp.report);

const formacode = buildFormacode(
  rawDir,
  certifications.rows,
  certifications.formacodeLabels,
  rome.slice.appellations,
);
write(SLICE_FILES.formacode, formacode.rows);
console.log(`  ${formacode.rows.length} Formacodes`, formacode.report);

const communes = buildCommunes(rawDir);
write(SLICE_FILES.communes, communes.slice);
console.log(
  `  ${communes.slice.communes.length} communes, ${communes.slice.departements.length} départements`,
);
console.log(
  `  placed by former INSEE codes: ${communes.report.placedByFormerCodes.join('; ')}\n` +
    `  placed by postcode: ${communes.report.placedByPostcode.join('; ')}\n` +
    `  dropped (no coordinates): ${communes.report.droppedWithoutCoordinates.length}: ${communes.report.droppedWithoutCoordinates.join('; ')}\n` +
    `  départements without communes: ${communes.report.departementsWithoutCommunes.join('; ')}`,
);
