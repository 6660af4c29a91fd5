import { describe, expect, it } from 'vitest';
import { AccountRefusedError, checkAccount } from './user-accounts';

const account = { username: 'alice.martin', password: 'twelve chars', role: 'admin', team: null } as const;
const strict = { allowShortPassword: false };

describe('checkAccount', () => {
  it('accepts a 12-character password and a plain username', () => {
    expect(() => checkAccount(account, strict)).not.toThrow();
  });

  it('refuses a password shorter than 12 characters, except in demo mode', () => {
    const short = { ...account, password: 'elevenchars' };
    expect(() => checkAccount(short, strict)).toThrow(AccountRefusedError);
    expect(() => checkAccount(short, strict)).toThrow('Mot de passe trop court : 12 caractères au moins.');
    expect(() => checkAccount(short, { allowShortPassword: true })).not.toThrow();
    expect(() => checkAccount({ ...account, password: '' }, { allowShortPassword: true })).toThrow(
      AccountRefusedError,
    );
  });

  it('refuses usernames with spaces, accents or a leading dot', () => {
    for (const username of ['alice martin', 'hélène', '.alice', '']) {
      expect(() => checkAccount({ ...account, username }, strict)).toThrow(/Identifiant invalide/);
    }
  });
});
