import { loadReferentials } from '@reco/referentials';
import { JobTitleResolver } from './job-title-resolver';

const r = loadReferentials();
let t = performance.now();
const resolver = JobTitleResolver.fromReferentials(r);
console.log('build ms', (performance.now() - t).toFixed(1));
const queries = [
  'aide soignante',
  'aide-soignante',
  'cariste',
  'Caristes',
  'dev web',
  'développeur web',
  'boulangère',
  'boulanger',
  'carsite',
  'boulang',
  'aide soigante',
  'infirmière',
  'comptable',
  'secrétaire médicale',
  'préparatrice de commandes',
  'chauffeur poids lourd',
  "agent d'entretien",
  'vendeuse',
  'auxiliaire de vie',
  'mécanicien auto',
  'maçon',
  'électricien bâtiment',
  'serveuse',
  'cuisinier',
  'assistante maternelle',
  'web developpeur',
  'technicien informatique',
  'plombier chauffagiste',
  'xyzzy',
  'conducteur de bus',
  'developpeur informatique',
  'ash',
  'aes',
  'magasinière',
];
for (const q of queries) {
  const res = resolver.resolve(q, 3);
  console.log(q.padEnd(28), res.map((m) => `${m.romeCode} ${m.score} ${m.appellation}`).join(' | '));
}
t = performance.now();
for (let i = 0; i < 20; i++) for (const q of queries) resolver.resolve(q);
console.log('avg resolve ms', ((performance.now() - t) / (20 * queries.length)).toFixed(3));
const texts = [
  'Reconversion vers la logistique, devenir cariste près de Lyon',
  'Elle souhaite devenir aide-soignante ou auxiliaire de vie, après une carrière dans la vente',
  "projet de devenir développeur web, a déjà fait de l'HTML",
  'veut travailler comme boulangère',
  'cherche une formation de secrétaire médicale',
  'Le conseiller propose une formation; la personne a un permis B et veut être chauffeur poids lourd',
  "'; DROP TABLE offers; --",
];
t = performance.now();
for (const text of texts)
  console.log(
    text,
    '=>',
    resolver.findJobTitlesInText(text).map((m) => `${m.romeCode} ${m.appellation}`),
  );
console.log('text ms', ((performance.now() - t) / texts.length).toFixed(3));
