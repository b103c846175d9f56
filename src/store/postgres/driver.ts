/**
 * The slice of `pg` the PostgreSQL backend uses, declared here as kysely declares its drivers:
 * the backend depends on these few members, and the compiler checks the real module against
 * them where it is loaded (postgres/open.ts).
 */

export interface PgQueryResult {
  readonly rows: Record<string, unknown>[];
  readonly rowCount: number | null;
}

export interface PgQueryable {
  query(text: string, values?: unknown[]): Promise<PgQueryResult>;
}

export interface PgPoolClient extends PgQueryable {
  /** Returns the client to the pool; passing an error destroys it instead. */
  release(error?: Error | boolean): void;
}

export interface PgPool extends PgQueryable {
  connect(): Promise<PgPoolClient>;
  end(): Promise<void>;
  on(event: "error", listener: (error: Error) => void): unknown;
}

export interface PgPoolOptions {
  readonly connectionString: string;
  readonly max: number;
  readonly connectionTimeoutMillis: number;
  readonly application_name: string;
  /** Server options at connection start, e.g. `-c search_path=…`. */
  readonly options?: string;
}

export type PgPoolConstructor = new (options: PgPoolOptions) => PgPool;
