import type { MeResponse } from '@reco/contracts';
import type { ApiError } from '../api/api-error';

export type SessionState =
  | { status: 'loading' }
  /**
   * `previous`: who was signed in when the session expired. Their workspace stays mounted (hidden),
   * so that signing in again as them gets back everything typed and chosen.
   */
  | { status: 'anonymous'; expired: boolean; previous?: MeResponse }
  | { status: 'signed_in'; user: MeResponse }
  | { status: 'unavailable'; error: ApiError };

export type SessionAction =
  | { type: 'loading' }
  | { type: 'signed_in'; user: MeResponse }
  | { type: 'signed_out' }
  /** A 401 from any call while signed in: the session expired or was closed elsewhere. */
  | { type: 'expired' }
  | { type: 'check_failed'; error: ApiError };

export function sessionReducer(state: SessionState, action: SessionAction): SessionState {
  switch (action.type) {
    case 'loading':
      return { status: 'loading' };
    case 'signed_in':
      return { status: 'signed_in', user: action.user };
    case 'signed_out':
      return { status: 'anonymous', expired: false };
    case 'expired':
      return state.status === 'signed_in'
        ? { status: 'anonymous', expired: true, previous: state.user }
        : state;
    case 'check_failed':
      // No session is a normal start; anything else means the server could not say.
      return action.error.status === 401
        ? { status: 'anonymous', expired: false }
        : { status: 'unavailable', error: action.error };
  }
}
