import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO_MANIFEST_FILE } from '../src/demo/build-demo-catalogue';

/** The catalogue files of a demo build, in a stable order. */
export function catalogueFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((name) => name !== DEMO_MANIFEST_FILE)
    .sort()
    .map((name) => join(dir, name));
}

/**
 * The next full delivery of a demo catalogue, as producers send it: some LHEO formations and
 * Mon Compte Formation rows gone (to be retired), some titles changed (to be updated), one partner
 * item withdrawn. Every other byte is the same.
 */
export function nextDelivery(fromDir: string, toDir: string): string[] {
  mkdirSync(toDir, { recursive: true });
  for (const path of catalogueFiles(fromDir)) {
    const name = path.split('/').at(-1) ?? path;
    const target = join(toDir, name);
    if (name === 'lheo.xml') writeFileSync(target, nextLheo(readFileSync(path, 'utf8')));
    else if (name === 'mcf.csv') writeFileSync(target, nextMcfCsv(readFileSync(path, 'utf8')));
    else if (name === 'partner-apec.json') writeFileSync(target, nextPartnerFeed(readFileSync(path, 'utf8')));
    else copyFileSync(path, target);
  }
  return catalogueFiles(toDir);
}

function nextLheo(xml: string): string {
  let index = 0;
  return xml.replace(/<formation [\s\S]*?<\/formation>\n?/g, (formation) => {
    index++;
    if (index % 9 === 4) return '';
    if (index % 13 === 6)
      return formation.replace('</intitule-formation>', ' (session renouvelée)</intitule-formation>');
    return formation;
  });
}

function nextMcfCsv(csv: string): string {
  const [header, ...rows] = csv.split('\n');
  return [header, ...rows.filter((_, index) => index % 10 !== 3)].join('\n');
}

function nextPartnerFeed(json: string): string {
  const feed = JSON.parse(json) as { items: unknown[] };
  return JSON.stringify({ ...feed, items: feed.items.slice(1) });
}
