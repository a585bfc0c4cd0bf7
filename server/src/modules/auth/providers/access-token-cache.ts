export interface FetchedAccessToken {
  value: string;
  expiresInSeconds: number;
}

/**
 * A WeChat / WeCom access token, cached until shortly before its expires_in and fetched by one call at a time:
 * both APIs limit how often a token may be fetched, and a new WeChat token retires the previous one. Used by the
 * WeCom login and by the notification channels (each with its own instance).
 */
export class AccessTokenCache {
  private token: { value: string; expiresAt: number } | null = null;
  private pending: Promise<string> | null = null;

  constructor(
    private readonly fetchToken: () => Promise<FetchedAccessToken>,
    /** milliseconds since the epoch; tests move it to expire the cached token */
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.token && this.token.expiresAt > this.now()) return this.token.value;
    // concurrent callers share one fetch
    this.pending ??= this.refresh().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** The provider said `value` expired or is invalid: forget it, unless a newer token was fetched meanwhile. */
  invalidate(value: string): void {
    if (this.token?.value === value) this.token = null;
  }

  private async refresh(): Promise<string> {
    const fetched = await this.fetchToken();
    const lifetime = fetched.expiresInSeconds * 1000;
    // renew a little early (a tenth of the lifetime, at most 5 minutes) so a token never expires mid-call
    const margin = Math.min(300_000, lifetime / 10);
    this.token = { value: fetched.value, expiresAt: this.now() + lifetime - margin };
    return fetched.value;
  }
}
