import { logoutRoute, type MeResponse, meRoute } from '@reco/contracts';
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { type ApiClient, createApiClient } from '../api/api-client';
import { asApiError } from '../api/api-error';
import { type SessionState, sessionReducer } from './session-state';

export interface Session {
  state: SessionState;
  api: ApiClient;
  signedIn: (user: MeResponse) => void;
  logout: () => Promise<void>;
  retry: () => void;
}

/** The session from `GET /api/auth/me` on load, and the API client that carries its CSRF token. */
export function useSession(): Session {
  const [state, dispatch] = useReducer(sessionReducer, { status: 'loading' });
  const csrfToken = useRef<string | undefined>(undefined);
  const api = useMemo(
    () =>
      createApiClient({
        csrfToken: () => csrfToken.current,
        onUnauthorized: () => dispatch({ type: 'expired' }),
      }),
    [],
  );

  const load = useCallback(() => {
    dispatch({ type: 'loading' });
    api.call(meRoute).then(
      (user) => {
        csrfToken.current = user.csrfToken;
        dispatch({ type: 'signed_in', user });
      },
      (error: unknown) => dispatch({ type: 'check_failed', error: asApiError(error) }),
    );
  }, [api]);

  useEffect(() => load(), [load]);

  const signedIn = useCallback((user: MeResponse) => {
    csrfToken.current = user.csrfToken;
    dispatch({ type: 'signed_in', user });
  }, []);

  const logout = useCallback(async () => {
    try {
      await api.call(logoutRoute);
    } catch {
      // Signed out here whatever happened: the session ends on its own on the server.
    }
    csrfToken.current = undefined;
    dispatch({ type: 'signed_out' });
  }, [api]);

  return { state, api, signedIn, logout, retry: load };
}
