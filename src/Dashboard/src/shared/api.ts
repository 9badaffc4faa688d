// Calls to the command center's HTTP API with the signed-in account's token.

import { currentAccount, signOut } from './session';

/** A refused call, worded by the server's problem details. */
export class ApiError extends Error {
  constructor(readonly status: number, message: string, readonly problem: Record<string, unknown> | null) {
    super(message);
  }
}

/** When the server says the token is no longer good (401), every page forgets it and goes back to sign-in. */
function onUnauthorized(): void {
  signOut();
  location.reload();
}

export async function api<T>(path: string, init: { method?: string; body?: unknown; raw?: BodyInit; contentType?: string } = {}): Promise<T> {
  const account = currentAccount();
  const headers: Record<string, string> = {};
  if (account) headers.Authorization = `Bearer ${account.token}`;
  if (init.body !== undefined) headers['Content-Type'] = 'application/json';
  else if (init.contentType) headers['Content-Type'] = init.contentType;
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? (init.body !== undefined || init.raw !== undefined ? 'POST' : 'GET'),
      headers,
      body: init.raw ?? (init.body !== undefined ? JSON.stringify(init.body) : undefined),
    });
  } catch {
    throw new ApiError(0, '网络不可用 · The network is unavailable.', null);
  }
  if (response.status === 401) {
    onUnauthorized();
    throw new ApiError(401, '登录已过期 · Signed out.', null);
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null) as Record<string, unknown> | null;
    const message = (problem?.detail ?? problem?.title ?? `HTTP ${response.status}`) as string;
    throw new ApiError(response.status, message, problem);
  }
  if (response.status === 204) return undefined as T;
  const type = response.headers.get('Content-Type') ?? '';
  return (type.includes('json') ? await response.json() : await response.text()) as T;
}

/** True when the endpoint exists and answers for this account (used to show optional features). */
export async function answers(path: string): Promise<boolean> {
  try {
    await api(path);
    return true;
  } catch (e) {
    return !(e instanceof ApiError) || (e.status !== 404 && e.status !== 405);
  }
}
