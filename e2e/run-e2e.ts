/**
 * End-to-end tests in a real headless Chromium (the system's /usr/bin/chromium, driven by
 * playwright-core): the app is started as the README starts it (`npm start`, demo mode) on a free port
 * with its own temporary database and catalogue, in front of the fake Ollama of the server's tests.
 *
 * Scenario 1 (degraded mode: the fake Ollama answers 500, so the API falls back to retrieval and rules):
 * a counsellor fills the profile, sees the live alert, rephrases, gets suggestions, decides on each,
 * adds an offer of their own, saves and opens the printable proposal; an admin then finds the retained
 * request, redacted, with its decision, and the oversight dashboard shows figures; a counsellor's
 * session is refused the admin API. Scenario 2 (the fake LLM chooses): the suggestions are the AI's.
 * axe-core runs on every page visited; a `serious` or `critical` violation fails the run.
 *
 * Run with `tsx e2e/run-e2e.ts` (after `bash scripts/ensure-chromium.sh`). Not a vitest suite on
 * purpose: it starts the whole app and a browser. Environment:
 * - `E2E_DATA_DIR`: keep the database and the demo catalogue there (faster re-runs); default: a
 *   temporary folder, removed at the end.
 * - `E2E_SCREENSHOTS_DIR`: where the screenshots go; default `docs/screenshots`.
 * - `CHROMIUM_PATH`: default `/usr/bin/chromium`.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FakeOllama, startFakeOllama } from '@reco/server/test/fake-ollama';
import axe from 'axe-core';
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SCREENSHOTS = resolve(ROOT, process.env.E2E_SCREENSHOTS_DIR ?? 'docs/screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const START_TIMEOUT_MS = 240_000;
const STEP_TIMEOUT_MS = 20_000;
const PASSWORD = 'demo';

const PHONE = '06 12 34 56 78';
const SENSITIVE_TEXT = 'Reconversion vers le métier de cariste, il souffre de dépression depuis un an';
const CLEAN_TEXT = 'Reconversion vers le métier de cariste, formation courte si possible';
const FINAL_TEXT = `${CLEAN_TEXT}. Joignable au ${PHONE}`;
const EDITED_TEXT = 'Texte revu par le conseiller : formation courte, proche du domicile, à confirmer.';

// ---------------------------------------------------------------------------------------------------
// A small runner: named steps in order; once a step of a scenario fails, the rest of it is skipped
// (counted as failed), since each step builds on the previous one.

interface Outcome {
  name: string;
  ok: boolean;
  skipped?: boolean;
  error?: string;
  ms: number;
}
const outcomes: Outcome[] = [];

class Scenario {
  private broken = false;
  constructor(readonly title: string) {
    process.stdout.write(`\n${title}\n`);
  }
  async step(name: string, fn: () => Promise<void>): Promise<void> {
    const full = `${this.title} › ${name}`;
    if (this.broken) {
      outcomes.push({ name: full, ok: false, skipped: true, ms: 0 });
      process.stdout.write(`  - ${name} (skipped: an earlier step failed)\n`);
      return;
    }
    const started = Date.now();
    try {
      await fn();
      const ms = Date.now() - started;
      outcomes.push({ name: full, ok: true, ms });
      process.stdout.write(`  ✓ ${name} (${ms} ms)\n`);
    } catch (error) {
      const ms = Date.now() - started;
      const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
      outcomes.push({ name: full, ok: false, error: message, ms });
      this.broken = true;
      process.stdout.write(`  ✗ ${name} (${ms} ms)\n${indent(message)}\n`);
    }
  }
  /** A check that does not stop the scenario (accessibility): recorded on its own. */
  async check(name: string, fn: () => Promise<void>): Promise<void> {
    if (this.broken) return this.step(name, fn);
    const before = this.broken;
    await this.step(name, fn);
    this.broken = before;
  }
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((line) => `      ${line}`)
    .join('\n');

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

// ---------------------------------------------------------------------------------------------------
// The app under test.

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port')),
      );
    });
  });
}

interface App {
  url: string;
  child: ChildProcess;
  output: () => string;
}

async function startApp(dataDir: string, ollamaUrl: string): Promise<App> {
  const port = await freePort();
  const child = spawn('npm', ['start'], {
    cwd: ROOT,
    detached: true, // its own process group, so that the whole tree is stopped at the end
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PGLITE_DIR: join(dataDir, 'pglite'),
      DEMO_CATALOGUE_DIR: join(dataDir, 'demo-catalogue'),
      OLLAMA_BASE_URL: ollamaUrl,
      LLM: 'ollama',
      EMBEDDER: 'builtin',
      DEMO_PASSWORD: PASSWORD,
      LLM_ATTEMPT_TIMEOUT_MS: '10000',
      LLM_TOTAL_BUDGET_MS: '15000',
    },
  });
  let log = '';
  const output = () => log;
  return new Promise<App>((resolveApp, reject) => {
    const timer = setTimeout(() => {
      reject(
        new Error(`the app did not print "Assistant formation prêt" within ${START_TIMEOUT_MS / 1000} s`),
      );
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      log += chunk.toString('utf8');
      const ready = /Assistant formation prêt : (http:\/\/\S+)/.exec(log);
      if (ready?.[1]) {
        clearTimeout(timer);
        resolveApp({ url: ready[1].replace(/\/?$/, '/'), child, output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString('utf8');
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code ?? signal}) before being ready:\n${log.slice(-3000)}`));
    });
    // Once ready, the exit listener above is harmless: the promise is settled.
  }).then(
    (app) => {
      process.stdout.write(`App ready on ${app.url}\n`);
      return app;
    },
    async (error: unknown) => {
      await stopProcessGroup(child);
      throw error;
    },
  );
}

async function stopProcessGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name);
    } catch {
      // already gone
    }
  };
  signal('SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(8000).then(() => false)]);
  if (!stopped) {
    signal('SIGKILL');
    await Promise.race([exited, sleep(3000)]);
  }
}

const sleep = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));

// ---------------------------------------------------------------------------------------------------
// Browser helpers: accessible roles and French labels only, never CSS classes.

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  // Only the app: any request off the loopback is refused.
  await context.route(
    (url) => !['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) && url.protocol !== 'data:',
    (route) => route.abort(),
  );
  return context;
}

async function login(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
  await page.getByLabel('Identifiant').fill(username);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByRole('button', { name: 'Se déconnecter' }).waitFor();
}

async function logout(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
}

async function goTo(page: Page, menuItem: string, heading: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Menu principal' })
    .getByRole('link', { name: menuItem })
    .click();
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

/** Fills the minimised profile: the commune through its autocomplete, then the mobility. */
async function fillProfile(page: Page): Promise<void> {
  const commune = page.getByRole('combobox', { name: /Commune de résidence/ });
  await commune.click();
  await commune.pressSequentially('Lyon', { delay: 40 });
  const listbox = page.getByRole('listbox', { name: /Commune de résidence/ });
  const option = listbox.getByRole('option', { name: /Lyon/ }).first();
  await option.waitFor();
  await option.click();
  const chosen = await commune.inputValue();
  assert(/^Lyon.*\(\d{5}\)$/.test(chosen), `the commune field shows "${chosen}", not a chosen commune`);
  await page.getByLabel(/Mobilité \(km\)/).fill('50');
}

async function screenshot(page: Page, file: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, file), fullPage: false });
}

/** Injects axe-core and fails on any serious or critical violation, listing them. */
async function checkAccessibility(page: Page, where: string): Promise<void> {
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const w = window as unknown as { axe: typeof axe };
    const result = await w.axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? 'unknown',
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => `${n.target.join(' ')} — ${n.failureSummary ?? ''}`.trim()),
      count: v.nodes.length,
    }));
  });
  const blocking = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const minor = violations.filter((v) => !blocking.includes(v));
  if (minor.length > 0) {
    process.stdout.write(
      `    (axe, ${where}: ${minor.length} moderate/minor: ${minor.map((v) => `${v.id}×${v.count}`).join(', ')})\n`,
    );
  }
  assert(
    blocking.length === 0,
    `axe found ${blocking.length} serious/critical violation(s) on ${where}:\n${blocking
      .map(
        (v) =>
          `- [${v.impact}] ${v.id}: ${v.help} (${v.count} node(s))\n${v.nodes.map((n) => `    ${n.replace(/\n/g, ' ')}`).join('\n')}`,
      )
      .join('\n')}`,
  );
}

const liveAlerts = (page: Page) => page.locator('#request-text-alerts');

// ---------------------------------------------------------------------------------------------------
// Scenario 1: degraded mode, from the counsellor's request to the admin's oversight.

async function degradedScenario(browser: Browser, app: App, fake: FakeOllama): Promise<void> {
  const s = new Scenario('Scénario 1 — mode dégradé (Ollama en erreur)');
  fake.setBehaviour({ kind: 'error', status: 500, message: 'e2e: the model is down' });
  const context = await newContext(browser);
  const page = await context.newPage();
  let retainedTitle = '';
  let setAsideTitle = '';
  let addedTitle = '';
  const retainedTitles: string[] = [];
  try {
    await s.step('the login page loads', async () => {
      await page.goto(app.url);
      await page.getByRole('heading', { level: 1, name: 'Connexion' }).waitFor();
      assert((await page.title()).startsWith('Connexion'), `title: ${await page.title()}`);
    });
    await s.check('axe: login page', () => checkAccessibility(page, 'the login page'));

    await s.step('a wrong password is refused with a message', async () => {
      await page.getByLabel('Identifiant').fill('conseiller.demo');
      await page.getByLabel('Mot de passe').fill('pas-le-bon');
      await page.getByRole('button', { name: 'Se connecter' }).click();
      await page.getByText('Connexion refusée').waitFor();
    });

    await s.step('the counsellor signs in', async () => {
      await login(page, app.url, 'conseiller.demo');
      await page.getByRole('heading', { level: 1, name: 'Espace conseiller' }).waitFor();
    });
    await s.check('axe: empty workspace', () => checkAccessibility(page, 'the empty workspace'));

    await s.step('the profile is filled (commune from the autocomplete, mobility)', () => fillProfile(page));

    await s.step('a sensitive word raises the live alert', async () => {
      await page.getByLabel('Projet professionnel et besoin de formation').fill(SENSITIVE_TEXT);
      await liveAlerts(page)
        .getByText(/contient des données sensibles/)
        .waitFor();
      await liveAlerts(page)
        .getByText(/dépression/)
        .first()
        .waitFor();
      await screenshot(page, 'alerte-en-direct.png');
    });
    await s.check('axe: workspace with the live alert', () =>
      checkAccessibility(page, 'the workspace with the live alert'),
    );

    await s.step('rephrased, the alert goes away', async () => {
      await page.getByLabel('Projet professionnel et besoin de formation').fill(CLEAN_TEXT);
      await liveAlerts(page)
        .getByText(/contient des données sensibles/)
        .waitFor({ state: 'detached' });
      await sleep(800); // past the live check's debounce: nothing comes back
      assert(
        ((await liveAlerts(page).textContent()) ?? '').trim() === '',
        'the live region still shows an alert',
      );
    });

    await s.step('a phone number is announced as masked', async () => {
      await page.getByLabel('Projet professionnel et besoin de formation').fill(FINAL_TEXT);
      await liveAlerts(page)
        .getByText(/Données identifiantes/)
        .waitFor();
      assert(
        (await liveAlerts(page)
          .getByText(/contient des données sensibles/)
          .count()) === 0,
        'the sensitive-data alert came back',
      );
    });

    await s.step('submitted, suggestions come with the degraded-mode banner', async () => {
      await page.getByRole('button', { name: 'Obtenir des suggestions' }).click();
      await page.getByRole('heading', { level: 2, name: 'Suggestions' }).waitFor({ timeout: 60_000 });
      await page.getByText('Mode dégradé').waitFor();
      const cards = page.getByRole('list', { name: 'Suggestions' }).getByRole('article');
      const count = await cards.count();
      assert(count >= 3, `expected at least 3 suggestions, got ${count}`);
      assert(
        (await page.getByText('Rédigé à partir de règles').count()) === count,
        'every explanation should say it was written from rules',
      );
      // Past the header, so that the banner and the first suggestion show above the sticky decision bar.
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.evaluate(() => window.scrollBy(0, 320));
      await screenshot(page, 'espace-conseiller-suggestions.png');
    });
    await s.check('axe: workspace with suggestions', () =>
      checkAccessibility(page, 'the workspace with suggestions'),
    );

    const cards = page.getByRole('list', { name: 'Suggestions' }).getByRole('article');

    await s.step('the first suggestion is retained with an edited text', async () => {
      const card = cards.nth(0);
      retainedTitle = ((await card.getByRole('heading', { level: 3 }).textContent()) ?? '').trim();
      retainedTitles.push(retainedTitle);
      await card.getByRole('button', { name: /^Modifier le texte/ }).click();
      const field = card.getByLabel(/Texte remis au demandeur/);
      await field.fill(EDITED_TEXT);
      await card.getByRole('button', { name: 'Valider le texte' }).click();
      await card.getByText('Modifié par vous').waitFor();
      await card.getByRole('button', { name: /^Retenir/ }).click();
      await card.getByText('✓ Retenue pour la proposition').waitFor();
    });

    await s.step('the second is set aside with a reason', async () => {
      const card = cards.nth(1);
      setAsideTitle = ((await card.getByRole('heading', { level: 3 }).textContent()) ?? '').trim();
      await card.getByRole('button', { name: /^Écarter/ }).click();
      const form = card.getByRole('form', { name: /^Écarter/ });
      await form.getByRole('button', { name: 'Confirmer l’écart' }).click();
      await form.getByRole('alert').getByText('Choisissez un motif.').waitFor(); // no reason yet
      // The DSFR draws the radio on its label: click the label, as a user would.
      await form.getByText('Trop loin', { exact: true }).click();
      assert(await form.getByLabel('Trop loin').isChecked(), '« Trop loin » is not checked');
      await form.getByLabel(/Commentaire/).fill('Trajet trop long en transports');
      await form.getByRole('button', { name: 'Confirmer l’écart' }).click();
      await card.getByText(/Écartée — Trop loin : Trajet trop long en transports/).waitFor();
    });

    await s.step('the rest are decided; saving waits for every decision', async () => {
      const save = page.getByRole('button', { name: 'Enregistrer et préparer la proposition' });
      const count = await cards.count();
      for (let index = 2; index < count; index += 1) {
        assert(await save.isDisabled(), 'the save button is enabled before every suggestion is decided');
        const card = cards.nth(index);
        retainedTitles.push(((await card.getByRole('heading', { level: 3 }).textContent()) ?? '').trim());
        await card.getByRole('button', { name: /^Retenir/ }).click();
      }
      await page.getByText(/retenues?,\s0\soffres?\sajoutées?/).waitFor();
      assert(await save.isEnabled(), 'the save button stays disabled once every suggestion is decided');
    });

    await s.step('an offer is added through the catalogue search', async () => {
      const section = page.getByRole('region', { name: 'Ajouter une offre de votre choix' });
      // The first query with an offer that was not suggested already (« Déjà dans la proposition »).
      const add = section.getByRole('button', { name: /^Ajouter à la proposition/, disabled: false });
      const seen: string[] = [];
      for (const query of ['cariste', 'logistique', 'magasinier', 'formation']) {
        await section.getByLabel(/Rechercher dans le catalogue/).fill(query);
        const answered = page.waitForResponse((r) => r.url().includes('/api/offers/search'));
        await section.getByRole('button', { name: 'Rechercher' }).click();
        await answered;
        const count = section.getByText(/^\d+\srésultats?$/);
        await count.waitFor();
        seen.push(`${query}: ${(await count.textContent()) ?? '?'}`);
        if ((await add.count()) > 0) break;
      }
      assert((await add.count()) > 0, `the catalogue search found no offer to add (${seen.join('; ')})`);
      const button = add.first();
      const name = (await button.getAttribute('aria-label')) ?? (await button.textContent()) ?? '';
      addedTitle = name.replace(/^Ajouter à la proposition\s*:\s*/, '').trim();
      await button.click();
      const added = page.getByRole('region', { name: 'Offres ajoutées par vous' });
      await added.getByText(addedTitle, { exact: true }).waitFor();
      await added.getByLabel('Note pour le demandeur (facultatif)').fill('Proposée par votre conseiller.');
      await page.getByText(/retenues?,\s1\soffre\sajoutée/).waitFor();
    });

    await s.step('a counsellor session gets 403 on /api/admin/oversight', async () => {
      const status = await page.evaluate(async () => {
        const response = await fetch('/api/admin/oversight', { credentials: 'same-origin' });
        return response.status;
      });
      assert(status === 403, `GET /api/admin/oversight answered ${status} to a counsellor, not 403`);
    });

    await s.step('the proposal is saved and shown, printable', async () => {
      await page.getByRole('button', { name: 'Enregistrer et préparer la proposition' }).click();
      await page.getByText('Proposition enregistrée').waitFor();
      const proposal = page.getByRole('article', { name: 'Propositions de formation' });
      await proposal.waitFor();
      await proposal.getByText(EDITED_TEXT).waitFor();
      await proposal.getByRole('heading', { name: new RegExp(escapeRegExp(retainedTitle)) }).waitFor();
      await proposal.getByRole('heading', { name: new RegExp(escapeRegExp(addedTitle)) }).waitFor();
      // Several offers may share a title (one training, several providers): count them.
      const sameTitle = new RegExp(`^\\d+\\. ${escapeRegExp(setAsideTitle)}$`);
      const inProposal = await proposal.getByRole('heading', { level: 3, name: sameTitle }).count();
      const retainedAlike = retainedTitles.filter((title) => title === setAsideTitle).length;
      assert(
        inProposal === retainedAlike,
        `the suggestion set aside appears in the proposal (${inProposal} « ${setAsideTitle} », ${retainedAlike} retained)`,
      );
      // « Imprimer » opens the browser's print dialog; then the print layout keeps the proposal only.
      await page.evaluate(() => {
        (window as unknown as { printed: number }).printed = 0;
        window.print = () => {
          (window as unknown as { printed: number }).printed += 1;
        };
      });
      await page.getByRole('button', { name: 'Imprimer la proposition' }).click();
      assert(
        (await page.evaluate(() => (window as unknown as { printed: number }).printed)) === 1,
        '« Imprimer la proposition » did not call window.print()',
      );
      await page.emulateMedia({ media: 'print' });
      assert(await proposal.isVisible(), 'the proposal is hidden in the print layout');
      assert(
        !(await page.getByRole('button', { name: 'Imprimer la proposition' }).isVisible()),
        'the print button shows in the print layout',
      );
      await page.evaluate(() => window.scrollTo(0, 0));
      await screenshot(page, 'proposition-imprimable.png');
      await page.emulateMedia({ media: 'screen' });
    });
    await s.check('axe: proposal', () => checkAccessibility(page, 'the proposal'));

    await s.step('the help page opens', async () => {
      await goTo(page, 'Aide', 'Aide');
    });
    await s.check('axe: help page (counsellor)', () => checkAccessibility(page, 'the help page'));

    await s.step('the counsellor signs out', () => logout(page));

    await s.step('the admin signs in and lands on the oversight dashboard, with figures', async () => {
      await login(page, app.url, 'admin.demo');
      await page.getByRole('heading', { level: 1, name: 'Supervision' }).waitFor();
      const kpis = page.getByRole('heading', { level: 2, name: 'Indicateurs' });
      await kpis.waitFor();
      const requests = await figureOf(page, /^\s*[\d\s\u202f]+\s+demandes?$/);
      const decided = await figureOf(page, /propositions? enregistrées?$/);
      assert(requests >= 1, `the dashboard counts ${requests} request(s)`);
      assert(decided >= 1, `the dashboard counts ${decided} saved proposal(s)`);
      await screenshot(page, 'tableau-supervision.png');
    });
    await s.check('axe: oversight dashboard', () => checkAccessibility(page, 'the oversight dashboard'));

    await s.step('the retained request is listed redacted, with its decision', async () => {
      await goTo(page, 'Demandes conservées', 'Demandes conservées');
      // The newest first: with a kept E2E_DATA_DIR, earlier runs' requests are listed below.
      const row = page.getByRole('row').filter({ hasText: CLEAN_TEXT }).first();
      await row.waitFor();
      const text = (await row.textContent()) ?? '';
      assert(text.includes('[TÉLÉPHONE]'), `the phone number is not replaced by its marker: ${text}`);
      assert(!text.includes(PHONE), 'the phone number is shown in clear');
      // The counsellor is named by a pseudonym (`C-7F3A9B`), never by their account.
      assert(/C-[0-9A-F]{4,}/.test(text), `no counsellor pseudonym in the row: ${text}`);
      assert(!text.includes('conseiller.demo'), 'the counsellor is named by their account, not a pseudonym');
      assert(text.includes('Dégradé (règles)'), 'the mode is not shown as degraded');
      const summary = row.getByText(/\d+ retenues?, 1 écartée, 1 ajoutée/);
      await summary.click(); // opens the details
      await row.getByText(new RegExp(`${escapeRegExp(setAsideTitle)} : écartée — Trop loin`)).waitFor();
      await row
        .getByText(new RegExp(`${escapeRegExp(retainedTitle)} : retenue \\(texte modifié\\)`))
        .waitFor();
    });
    await s.check('axe: retained requests', () => checkAccessibility(page, 'the retained requests'));

    await s.step('the retention page opens', () =>
      goTo(page, 'Conservation des données', 'Conservation des données'),
    );
    await s.check('axe: retention page', () => checkAccessibility(page, 'the retention page'));

    await s.step('the access log opens and records the consultation', async () => {
      await goTo(page, 'Journal des accès', 'Journal des accès');
      await page.getByText('Journal intègre').waitFor();
      await page
        .getByRole('table')
        .getByText(/\/api\/admin\/requests/)
        .first()
        .waitFor();
    });
    await s.check('axe: access log', () => checkAccessibility(page, 'the access log'));

    await s.step('the help page opens for the admin', () => goTo(page, 'Aide', 'Aide'));
    await s.check('axe: help page (admin)', () => checkAccessibility(page, 'the help page (admin)'));
  } finally {
    await context.close();
  }
}

/** The number in bold of a figure of the dashboard, found by its words. */
async function figureOf(page: Page, words: RegExp): Promise<number> {
  const item: Locator = page.getByRole('listitem').filter({ hasText: words }).first();
  await item.waitFor();
  const strong = ((await item.textContent()) ?? '').trim();
  const number = Number.parseInt(strong.replace(/[\s\u202f\u00a0]/g, ''), 10);
  assert(Number.isFinite(number), `no figure in "${strong}"`);
  return number;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

// ---------------------------------------------------------------------------------------------------
// Scenario 2: the (fake) LLM chooses and explains.

async function llmScenario(browser: Browser, app: App, fake: FakeOllama): Promise<void> {
  const s = new Scenario('Scénario 2 — avec le LLM (faux Ollama qui choisit)');
  fake.setBehaviour({ kind: 'choose' });
  const context = await newContext(browser);
  const page = await context.newPage();
  try {
    await s.step('the counsellor signs in and fills the profile', async () => {
      await login(page, app.url, 'conseiller.demo');
      await page.getByRole('heading', { level: 1, name: 'Espace conseiller' }).waitFor();
      await fillProfile(page);
    });
    await s.step('the suggestions are the AI’s, labelled as such, without the degraded banner', async () => {
      const chats = fake.chatRequests().length;
      await page.getByLabel('Projet professionnel et besoin de formation').fill(CLEAN_TEXT);
      await page.getByRole('button', { name: 'Obtenir des suggestions' }).click();
      await page.getByRole('heading', { level: 2, name: 'Suggestions' }).waitFor({ timeout: 60_000 });
      const cards = page.getByRole('list', { name: 'Suggestions' }).getByRole('article');
      const count = await cards.count();
      assert(count >= 1, 'no suggestion');
      assert(fake.chatRequests().length > chats, 'the fake Ollama was not asked');
      assert((await page.getByText('Mode dégradé').count()) === 0, 'the degraded-mode banner is shown');
      assert(
        (await page.getByText('Rédigé par l’IA — peut contenir des erreurs').count()) === count,
        'every explanation should be labelled as written by the AI',
      );
      await screenshot(page, 'espace-conseiller-suggestions-ia.png');
    });
    await s.check('axe: workspace with AI suggestions', () =>
      checkAccessibility(page, 'the workspace with AI suggestions'),
    );
    await s.step('the counsellor signs out', () => logout(page));
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<number> {
  const started = Date.now();
  const keep = process.env.E2E_DATA_DIR;
  const dataDir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'reco-e2e-'));
  mkdirSync(dataDir, { recursive: true });
  let fake: FakeOllama | undefined;
  let app: App | undefined;
  let browser: Browser | undefined;
  const setup = new Scenario('Démarrage');
  try {
    await setup.step('the fake Ollama starts', async () => {
      fake = await startFakeOllama({ kind: 'error', status: 500 });
    });
    await setup.step('the app starts as the README starts it (npm start)', async () => {
      app = await startApp(dataDir, (fake as FakeOllama).url);
    });
    await setup.step('Chromium starts headless', async () => {
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-quic',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
    });
    if (app && browser && fake) {
      await degradedScenario(browser, app, fake);
      await llmScenario(browser, app, fake);
    }
  } finally {
    await browser?.close().catch(() => undefined);
    if (app) await stopProcessGroup(app.child);
    await fake?.close().catch(() => undefined);
    if (!keep) rmSync(dataDir, { recursive: true, force: true });
  }

  const failed = outcomes.filter((o) => !o.ok);
  if (failed.length > 0) {
    process.stdout.write('\nFailures:\n');
    for (const f of failed) {
      process.stdout.write(`- ${f.name}${f.skipped ? ' (skipped)' : ''}\n`);
    }
    if (app && failed.some((f) => f.name.startsWith('Démarrage'))) {
      process.stdout.write(`\nApp output (end):\n${app.output().slice(-3000)}\n`);
    }
  }
  const passed = outcomes.length - failed.length;
  process.stdout.write(`\nRun time: ${Math.round((Date.now() - started) / 1000)} s\n`);
  process.stdout.write(`${passed} passed, ${failed.length} failed\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.stdout.write(`\n0 passed, 1 failed\n`);
    process.exit(1);
  },
);
