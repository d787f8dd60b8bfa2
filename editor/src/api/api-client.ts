import type { ValidationIssue } from '../../../engine/scenario/index.ts';

/** A thin client for the Hookflow API; the key is kept in this browser's local storage. */
const KEY_STORAGE = 'hookflow.apiKey';

/** An API answer outside 2xx, with the server's code and, for validation failures, its issues. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly issues: ValidationIssue[];

  constructor(status: number, body: { code?: string; message?: string; issues?: ValidationIssue[] }) {
    super(body.message ?? `HTTP ${status}`);
    this.status = status;
    this.code = body.code ?? 'error';
    this.issues = body.issues ?? [];
  }
}

export function apiKey(): string {
  return localStorage.getItem(KEY_STORAGE) ?? '';
}

export function saveApiKey(key: string): void {
  localStorage.setItem(KEY_STORAGE, key.trim());
}

export function forgetApiKey(): void {
  localStorage.removeItem(KEY_STORAGE);
}

/** Listeners told when the server refuses the key, so the app can ask for it again. */
const unauthorizedListeners = new Set<() => void>();

export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export interface ApiRequest {
  /** Sent as JSON. */
  body?: unknown;
  /** Lets a save started while the page closes still reach the server. */
  keepalive?: boolean;
  signal?: AbortSignal;
  /** A key to try instead of the saved one (sign-in); a refusal then tells no listener. */
  key?: string;
}

export async function api<T>(method: string, path: string, request: ApiRequest = {}): Promise<T> {
  const { body, keepalive, signal, key } = request;
  const response = await fetch(path, {
    method,
    headers: {
      authorization: `Bearer ${key ?? apiKey()}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    keepalive,
    signal,
  });
  const text = await response.text();
  const parsed = parseJson(text);
  if (!response.ok) {
    if (response.status === 401 && key === undefined)
      for (const listener of unauthorizedListeners) listener();
    const error = (parsed as { error?: object } | null)?.error ?? { message: response.statusText };
    throw new ApiError(response.status, error);
  }
  return parsed as T;
}

function parseJson(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return { error: { message: text.slice(0, 300) } };
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
