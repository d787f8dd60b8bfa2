import type { RenderedRequest } from '../../engine/webhook/index.ts';
import { type HttpSender, type SendResult, failedAttempt } from '../http/http-sender.ts';
import { AuthorizationError, type RequestAuthorizer } from './request-authorizer.ts';

/**
 * One attempt of an outgoing request, as every sender makes it: the standard headers and the
 * integration's credentials attached now (so a signature is fresh), sent once more after a 401
 * when a cached OAuth token may be stale. Credentials that cannot be attached fail the attempt
 * without sending (retried only when the token endpoint failed).
 */
export async function sendAuthorized(
  deps: { sender: HttpSender; authorizer: RequestAuthorizer },
  attempt: { request: RenderedRequest; webhookId: string; integrationId: string | null; timeoutMs: number },
): Promise<SendResult> {
  const { sender, authorizer } = deps;
  const options = { webhookId: attempt.webhookId, integrationId: attempt.integrationId };
  const send = async () =>
    sender.send((await authorizer.authorize(attempt.request, options)).request, attempt.timeoutMs);
  try {
    const result = await send();
    if (result.status === 401 && (await authorizer.refreshAfterUnauthorized(attempt.integrationId)))
      return await send();
    return result;
  } catch (error) {
    if (error instanceof AuthorizationError)
      return failedAttempt(error.message, error.retryable ? null : 'credentials');
    throw error;
  }
}
