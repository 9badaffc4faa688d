// Exports come from endpoints that need the bearer token, so a plain link will not do: fetch with the token, then
// hand the browser the answer as a file under the name the server gave (Content-Disposition) or a fallback.

import { ApiError } from './api';
import { currentAccount } from './session';

export function fileNameOf(disposition: string | null, fallback: string): string {
  if (!disposition) return fallback;
  const star = /filename\*=(?:UTF-8'')?([^;]+)/i.exec(disposition);
  if (star) return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
  const plain = /filename=("?)([^";]+)\1/i.exec(disposition);
  return plain ? plain[2] : fallback;
}

export async function download(path: string, fallbackName: string): Promise<string> {
  const account = currentAccount();
  const response = await fetch(path, { headers: account ? { Authorization: `Bearer ${account.token}` } : {} });
  if (!response.ok) {
    const problem = await response.json().catch(() => null) as Record<string, unknown> | null;
    throw new ApiError(response.status, String(problem?.detail ?? problem?.title ?? `HTTP ${response.status}`), problem);
  }
  const name = fileNameOf(response.headers.get('Content-Disposition'), fallbackName);
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
