// The signed-in account: a bearer token kept in sessionStorage (it dies with the tab) and what its claims say.

const storageKey = 'command-center.token';

export interface Account {
  token: string;
  username: string;
  role: string;
  memberId: string | null;
  gridScope: string | null;
  /** The desk powers the server gave the account's role (e.g. "report"): a page shows only what the server will take. */
  powers: string[];
  expiresAt: number;
}

export class SignInError extends Error {}

export function currentAccount(): Account | null {
  const token = sessionStorage.getItem(storageKey);
  if (!token) return null;
  const account = accountOf(token);
  if (!account || account.expiresAt <= Date.now()) {
    sessionStorage.removeItem(storageKey);
    return null;
  }
  return account;
}

export async function signIn(username: string, password: string): Promise<Account> {
  let response: Response;
  try {
    response = await fetch('/api/auth/token', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: username.trim(), password }),
    });
  } catch {
    throw new SignInError('无法连接指挥中心 · The command center cannot be reached.');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null) as { detail?: string } | null;
    throw new SignInError(response.status === 401
      ? '用户名或密码错误 · The username or password is wrong.'
      : problem?.detail ?? `登录失败 · Sign-in failed (${response.status}).`);
  }
  const body = await response.json() as { access_token: string };
  const account = accountOf(body.access_token);
  if (!account) throw new SignInError('The token could not be read.');
  sessionStorage.setItem(storageKey, body.access_token);
  return account;
}

export function signOut(): void {
  sessionStorage.removeItem(storageKey);
}

/** Reads the claims of a JWT (no verification: the server checks every call). */
function accountOf(token: string): Account | null {
  try {
    const payload = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(payload.padEnd(Math.ceil(payload.length / 4) * 4, '=')), c => c.charCodeAt(0));
    const claims = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    return {
      token,
      username: String(claims.sub ?? ''),
      role: String(claims.role ?? ''),
      memberId: typeof claims.member_id === 'string' ? claims.member_id : null,
      gridScope: typeof claims.grid_scope === 'string' ? claims.grid_scope : null,
      // One power is written as a string, several as an array.
      powers: Array.isArray(claims.powers) ? claims.powers.map(String) : typeof claims.powers === 'string' ? [claims.powers] : [],
      expiresAt: typeof claims.exp === 'number' ? claims.exp * 1000 : Date.now() + 3_600_000,
    };
  } catch {
    return null;
  }
}
