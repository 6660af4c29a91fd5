import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { UserRole } from '@reco/contracts';
import { openDatabase, UsersRepository } from '@reco/db';
import { Argon2PasswordHasher } from '../auth/password-hasher';
import { AccountRefusedError, checkAccount, createAccount, MIN_PASSWORD_LENGTH } from '../auth/user-accounts';
import { loadConfig } from '../config';

const USAGE = `Usage : npm run users -- create --role counsellor|admin [--team "Équipe"] IDENTIFIANT
        npm run users -- list

create  crée un compte ; le mot de passe est lu sur l'entrée standard (première ligne), jamais en
        argument : ${MIN_PASSWORD_LENGTH} caractères au moins (sauf en mode démo, DEMO=1).
        Exemple : printf '%s\\n' "$MOT_DE_PASSE" | npm run users -- create --role admin alice
list    liste les comptes (identifiant, rôle, équipe, pseudonyme, état).

Base de données : DATABASE_URL, sinon la base embarquée de PGLITE_DIR.`;

/** Exit statuses: 0 done, 1 refused or failed, 2 usage error. */
async function main(): Promise<number> {
  let args: ReturnType<typeof parseCli>;
  try {
    args = parseCli();
  } catch (error) {
    return usageError((error as Error).message);
  }
  const [command, ...operands] = args.positionals;
  if (args.values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const config = loadConfig();
  if (command === 'list' && operands.length === 0) {
    const db = await openDatabase(config.database);
    try {
      for (const user of await new UsersRepository(db).list()) {
        const state = user.disabledAt ? 'désactivé' : 'actif';
        process.stdout.write(
          `${user.username}\t${user.role}\t${user.team ?? '-'}\t${user.pseudonym}\t${state}\n`,
        );
      }
      return 0;
    } finally {
      await db.close();
    }
  }
  if (command !== 'create' || operands.length !== 1) return usageError('Commande inconnue ou incomplète.');
  const role = UserRole.safeParse(args.values.role);
  if (!role.success) return usageError('--role doit valoir counsellor ou admin.');

  const account = {
    username: operands[0] ?? '',
    password: await readPassword(),
    role: role.data,
    team: args.values.team?.trim() || null,
  };
  const options = { allowShortPassword: config.demo.enabled };
  try {
    // Checked before the database is opened: a refusal is immediate and leaves nothing behind.
    checkAccount(account, options);
    const db = await openDatabase(config.database);
    try {
      const user = await createAccount(new UsersRepository(db), new Argon2PasswordHasher(), account, options);
      process.stdout.write(`Compte créé : ${user.username} (${user.role}, pseudonyme ${user.pseudonym}).\n`);
      return 0;
    } finally {
      await db.close();
    }
  } catch (error) {
    if (!(error instanceof AccountRefusedError)) throw error;
    process.stderr.write(`${error.message}\n`);
    return 1;
  }
}

function parseCli() {
  return parseArgs({
    allowPositionals: true,
    options: {
      role: { type: 'string' },
      team: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

function usageError(message: string): number {
  process.stderr.write(`${message}\n\n${USAGE}\n`);
  return 2;
}

/** The first line of standard input: piped, or typed at a prompt (shown as typed). */
async function readPassword(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Mot de passe : ');
  const lines = createInterface({ input: process.stdin, terminal: false });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

main().then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    // Configuration and database errors name what is wrong; none can hold the password.
    process.stderr.write(`Échec : ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
