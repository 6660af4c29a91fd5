import type { RecommendationRequest, RecommendationResponse } from '@reco/contracts';
import { type Dispatch, useCallback, useEffect, useRef } from 'react';
import { useApi } from '../../api/api-context';
import type { ConversationAction } from './conversation-state';

/**
 * Sends a request over the event stream and turns its events into conversation actions; one request
 * at a time, the previous one cancelled.
 */
export function useRecommendationRunner(
  dispatch: Dispatch<ConversationAction>,
  onAnswer: (response: RecommendationResponse) => void,
) {
  const api = useApi();
  const controller = useRef<AbortController | undefined>(undefined);
  const answered = useRef(onAnswer);
  answered.current = onAnswer;

  const send = useCallback(
    async (request: RecommendationRequest) => {
      controller.current?.abort();
      const current = new AbortController();
      controller.current = current;
      dispatch({ type: 'sent', prompt: request.prompt });
      for await (const event of api.streamRecommendations(request, current.signal)) {
        if (event.type === 'progress') dispatch({ type: 'progressed', stage: event.stage });
        else if (event.type === 'result') {
          dispatch({ type: 'answered', response: event.response });
          answered.current(event.response);
        } else dispatch({ type: 'failed', error: event.error });
      }
    },
    [api, dispatch],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  useEffect(() => () => controller.current?.abort(), []);

  return { send, cancel };
}
