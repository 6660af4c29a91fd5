import { z } from 'zod';
import { userText } from '../user-text';
import { route } from './route';

export const UserRole = z.enum(['counsellor', 'admin']);
export type UserRole = z.infer<typeof UserRole>;

/** `POST /api/auth/login`. The password's upper bound only stops absurd bodies from being hashed. */
export const LoginRequest = z.strictObject({
  username: userText('l’identifiant', { min: 1, max: 100 }),
  password: z.string().min(1, 'mot de passe vide').max(1024, 'mot de passe trop long'),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/**
 * The signed-in user. `csrfToken` goes in the `X-CSRF-Token` header of every state-changing
 * request: the session cookie alone is not enough to change anything.
 */
export const LoginResponse = z.object({
  user: z.string(),
  role: UserRole,
  csrfToken: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MeResponse = LoginResponse;
export type MeResponse = LoginResponse;

export const loginRoute = route({
  method: 'post',
  path: '/api/auth/login',
  summary: 'Connexion : ouvre une session (cookie) et donne le jeton anti-CSRF',
  access: 'public',
  body: LoginRequest,
  response: LoginResponse,
});

/** Answers 204 with no body. */
export const logoutRoute = route({
  method: 'post',
  path: '/api/auth/logout',
  summary: 'Déconnexion : ferme la session (en-tête X-CSRF-Token requis)',
  access: 'user',
  response: z.void(),
});

export const meRoute = route({
  method: 'get',
  path: '/api/auth/me',
  summary: 'L’utilisateur connecté et son jeton anti-CSRF',
  access: 'user',
  response: MeResponse,
});
