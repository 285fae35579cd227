import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApiAppOptions, createApiApp } from '../../apps/api/src/create-api-app';
import { createTenant } from '@joinedup/auth';
import { AppConfig, loadConfig } from '@joinedup/config';
import { openDataSource } from '@joinedup/database';
import { shared } from './shared';

export interface GraphQLResult<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; extensions: { code: string; [key: string]: unknown } }[];
}

/**
 * One API for the several spec modules one test file runs (`test/isolation.e2e-spec.ts` and
 * the others that "Tests and CI" in docs/operations.md names), so that the file loads and
 * starts the app once (see `shared`).
 */
export const sharedApi = shared(() => ApiHarness.start(), (api) => api.stop());

/** The API running in this process on a free port, spoken to over HTTP. */
export class ApiHarness {
  private constructor(
    readonly app: INestApplication,
    readonly url: string,
    readonly owner: DataSource,
    readonly config: AppConfig,
  ) {}

  static async start(overrides: Record<string, string> = {}, options: ApiAppOptions = {}): Promise<ApiHarness> {
    const config = loadConfig({ ...process.env, ...overrides });
    const { app } = await createApiApp(config, options);
    await app.listen(0, '127.0.0.1');
    const owner = await openDataSource({ url: config.databaseMigrationUrl, applicationName: 'joinedup-test', poolSize: 2 });
    return new ApiHarness(app, (await app.getUrl()).replace('[::1]', '127.0.0.1'), owner, config);
  }

  async stop(): Promise<void> {
    await this.app.close();
    await this.owner.destroy();
  }

  async graphql<T = Record<string, any>>(
    query: string,
    variables: Record<string, unknown> = {},
    token?: string,
    headers: Record<string, string> = {},
  ): Promise<GraphQLResult<T>> {
    const response = await fetch(`${this.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await response.json()) as GraphQLResult<T>;
  }

  /** Like graphql(), but fails the test on any error and returns the data. */
  async ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> {
    const result = await this.graphql<T>(query, variables, token);
    if (result.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(result.errors)}`);
    return result.data as T;
  }

  /** A new tenant with its administrator signed in. */
  async newTenant(label = 'tenant'): Promise<TestTenant> {
    const slug = `${label}-${randomUUID().slice(0, 8)}`;
    const admin = { email: `admin@${slug}.test`, password: 'correct horse battery staple' };
    const { tenantId, adminId } = await createTenant(this.owner, {
      slug,
      name: `Test ${label}`,
      adminEmail: admin.email,
      adminPassword: admin.password,
    });
    const session = await this.signIn(slug, admin.email, admin.password);
    return { id: tenantId, slug, adminId, adminToken: session.accessToken, admin };
  }

  async signIn(tenant: string, email: string, password: string): Promise<SessionTokens> {
    const data = await this.ok<{ signIn: SessionTokens }>(SIGN_IN, { input: { tenant, email, password } });
    return data.signIn;
  }

  /** A user of the given role in the tenant, signed in. */
  async newUser(tenant: TestTenant, role: string, organisationId?: string): Promise<TestUser> {
    const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@${tenant.slug}.test`;
    const password = 'another long passphrase';
    const created = await this.ok<{ createUser: { id: string } }>(
      `mutation($input: CreateUserInput!) { createUser(input: $input) { id } }`,
      { input: { email, displayName: `A ${role}`, password, role, organisationId } },
      tenant.adminToken,
    );
    const session = await this.signIn(tenant.slug, email, password);
    return { id: created.createUser.id, email, password, token: session.accessToken, session };
  }
}

export const SIGN_IN = `mutation($input: SignInInput!) {
  signIn(input: $input) { accessToken refreshToken accessTokenExpiresAt user { id email role } }
}`;

export interface SessionTokens {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; role: string };
}

export interface TestTenant {
  id: string;
  slug: string;
  adminId: string;
  adminToken: string;
  admin: { email: string; password: string };
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  token: string;
  session: SessionTokens;
}

/** The error code of the first error, for compact assertions. */
export const codeOf = (result: GraphQLResult): string | undefined => result.errors?.[0]?.extensions.code;
