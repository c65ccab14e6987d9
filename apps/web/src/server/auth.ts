import 'server-only';
import {
  type AuthenticatedUser,
  auditSignIn,
  isKilnError,
  resolveOidcUser,
  signInWithPassword,
} from '@kiln/api';
import type { NextAuthOptions } from 'next-auth';
import { getServerSession } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import type { OAuthConfig } from 'next-auth/providers/oauth';
import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { env, oidcSettings } from '~/env.ts';
import { db } from './db.ts';
import { RATE_LIMITED_SIGN_IN } from '~/features/auth/sign-in-errors.ts';
import { logger } from './logger.ts';
import { clientAddress } from './request-guards.ts';
import { safeCallbackPath } from './safe-callback.ts';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

interface OidcProfile {
  sub: string;
  email?: string;
  /** Some issuers send the claim as the string "true". */
  email_verified?: boolean | string;
  name?: string;
  preferred_username?: string;
}

function oidcProvider(): OAuthConfig<OidcProfile> | undefined {
  const settings = oidcSettings();
  if (!settings) return undefined;
  return {
    id: 'oidc',
    name: 'Single sign-on',
    type: 'oauth',
    wellKnown: `${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`,
    clientId: settings.clientId,
    clientSecret: settings.clientSecret,
    idToken: true,
    checks: ['pkce', 'state'],
    authorization: { params: { scope: 'openid email profile' } },
    profile: (profile) => ({
      id: profile.sub,
      email: profile.email ?? null,
      name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
    }),
  };
}

/**
 * The Kiln user behind an OIDC profile: linked by issuer and subject, or by a verified email on first sign-in.
 * Undefined, with the reason logged, when the identity can be neither found nor linked.
 */
async function kilnUserForOidcProfile(
  profile: OidcProfile | undefined,
): Promise<AuthenticatedUser | undefined> {
  const settings = oidcSettings();
  if (!settings || !profile?.sub) return undefined;
  try {
    return await resolveOidcUser(db(), {
      issuer: settings.issuer,
      subject: profile.sub,
      email: profile.email ?? null,
      emailVerified: profile.email_verified === true || profile.email_verified === 'true',
      name: profile.name ?? profile.preferred_username ?? null,
    });
  } catch (error) {
    if (isKilnError(error) && (error.code === 'UNAUTHENTICATED' || error.code === 'INVALID')) {
      logger().warn({ issuer: settings.issuer, code: error.code }, `OIDC sign-in refused: ${error.message}`);
      return undefined;
    }
    throw error;
  }
}

async function authorizeCredentials(
  credentials: Record<string, string> | undefined,
  req: { headers?: Record<string, unknown> },
) {
  const email = credentials?.email?.trim();
  const password = credentials?.password;
  if (!email || !password) return null;
  const ip = clientAddress(req.headers);
  try {
    const user = await signInWithPassword(db(), { email, password, ip });
    return { id: user.id, email: user.email, name: user.name };
  } catch (error) {
    if (isKilnError(error) && error.code === 'UNAUTHENTICATED') {
      logger().info({ ip }, 'password sign-in failed');
      return null;
    }
    if (isKilnError(error) && error.code === 'RATE_LIMITED') {
      logger().warn({ ip, reason: error.message }, 'password sign-in refused by the rate limit');
      // next-auth hands this message back to the sign-in form as the error.
      throw new Error(RATE_LIMITED_SIGN_IN);
    }
    throw error;
  }
}

/** next-auth configuration: email + password always, OIDC beside it when configured. JWT sessions. */
export function authOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  return {
    secret: env().NEXTAUTH_SECRET,
    session: { strategy: 'jwt' },
    pages: { signIn: '/signin' },
    providers: [
      CredentialsProvider({
        id: 'credentials',
        name: 'Email and password',
        credentials: {
          email: { label: 'Email', type: 'email' },
          password: { label: 'Password', type: 'password' },
        },
        authorize: authorizeCredentials,
      }),
      ...(oidc ? [oidc] : []),
    ],
    callbacks: {
      // Only this site after signing in (or out): never another origin, however the callback URL is spelled.
      redirect: ({ url, baseUrl }) => `${baseUrl}${safeCallbackPath(url, baseUrl)}`,
      async signIn({ account, profile }) {
        // A session must carry a Kiln user id: an OIDC identity that can be neither found nor linked is turned
        // away with a reason. Linking never grants membership; a new user sees no organization yet.
        if (account?.provider !== 'oidc') return true;
        const kilnUser = await kilnUserForOidcProfile(profile as OidcProfile | undefined);
        return kilnUser ? true : '/signin?error=OidcNotLinked';
      },
      async jwt({ token, user, account, profile }) {
        if (account?.provider === 'oidc') {
          // `user.id` is the issuer's subject here; the session carries the Kiln user id instead.
          const kilnUser = await kilnUserForOidcProfile(profile as OidcProfile | undefined);
          if (!kilnUser)
            throw new Error('apps/web auth: the OIDC identity was refused between sign-in steps');
          token.userId = kilnUser.id;
          token.email = kilnUser.email;
          token.name = kilnUser.name;
          token.sub = kilnUser.id;
          await auditSignIn(db(), {
            userId: kilnUser.id,
            outcome: 'succeeded',
            method: 'oidc',
            ip: clientAddress(await headers()),
          });
        } else if (user) {
          token.userId = user.id;
        }
        return token;
      },
      session({ session, token }) {
        if (typeof token.userId === 'string') {
          session.user = {
            id: token.userId,
            email: session.user?.email ?? '',
            name: session.user?.name ?? '',
          };
        }
        return session;
      },
    },
  };
}

/** The signed-in user, or undefined. */
export async function currentUser(): Promise<SessionUser | undefined> {
  const session = await getServerSession(authOptions());
  const user = session?.user;
  if (!user?.id) return undefined;
  return { id: user.id, email: user.email ?? '', name: user.name ?? '' };
}

/** The signed-in user; redirects to the sign-in page otherwise. */
export async function requireUser(callbackPath = '/'): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(callbackPath)}`);
  return user;
}
