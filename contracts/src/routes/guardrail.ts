import { z } from 'zod';
import { GuardrailSummary } from '../guardrail';
import { userText } from '../user-text';
import { route } from './route';

export const GuardrailCheckRequest = z.strictObject({ text: userText('le texte', { max: 2000 }) });
export type GuardrailCheckRequest = z.infer<typeof GuardrailCheckRequest>;

export const guardrailCheckRoute = route({
  method: 'post',
  path: '/api/guardrail/check',
  summary: 'Alertes en direct pendant la saisie : catégories et positions des mots à risque',
  access: 'user',
  body: GuardrailCheckRequest,
  response: GuardrailSummary,
});
