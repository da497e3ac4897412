/** Calls to /api/tab with the bearer token; errors carry the HTTP status and the API's reason. */
import type { ApiError } from '../api-types';

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiError | undefined,
  ) {
    super(`tab API ${status}${body?.reason ? `: ${body.reason}` : ''}`);
  }
}

export class TabApi {
  constructor(
    private token: string | undefined,
    private readonly lang: string,
  ) {
    TabApi.latest = this;
  }

  /** The page's signed-in API, for sections that fetch as the user types (the person picker). */
  static latest: TabApi | undefined;

  setToken(token: string | undefined): void {
    this.token = token;
  }

  get<T>(path: string): Promise<T> {
    return this.call<T>('GET', path);
  }

  post<T>(path: string, body: unknown): Promise<T> {
    return this.call<T>('POST', path, body);
  }

  /** A file the API serves (the decision log's CSV), fetched with the token like every call. */
  async download(path: string): Promise<Blob> {
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`/api/tab${path}${separator}lang=${encodeURIComponent(this.lang)}`, {
      headers: this.token ? { Authorization: `Bearer ${this.token}` } : {},
    });
    if (!response.ok) throw new ApiCallError(response.status, undefined);
    return response.blob();
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`/api/tab${path}${separator}lang=${encodeURIComponent(this.lang)}`, {
      method,
      headers: {
        Accept: 'application/json',
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
        ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) throw new ApiCallError(response.status, parsed as ApiError | undefined);
    return parsed as T;
  }
}

/** The page's API (the last one made: the page makes one per session). */
export function currentApi(): TabApi | undefined {
  return TabApi.latest;
}
