import type { Metadata } from 'next';
import { env, oidcSettings } from '~/env.ts';
import { SignInForm } from '~/features/auth/sign-in-form.tsx';
import { RATE_LIMITED_MESSAGE, RATE_LIMITED_SIGN_IN } from '~/features/auth/sign-in-errors.ts';
import { safeCallbackPath } from '~/server/safe-callback.ts';

export const metadata: Metadata = { title: 'Sign in' };
export const dynamic = 'force-dynamic';

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <SignInForm
        callbackUrl={safeCallbackPath(callbackUrl, env().NEXTAUTH_URL)}
        initialError={error ? signInErrorMessage(error) : undefined}
        oidcEnabled={oidcSettings() !== undefined}
      />
    </main>
  );
}

function signInErrorMessage(code: string): string {
  if (code === 'OidcNotLinked') {
    return 'Single sign-on could not link your account: it is not linked to a Kiln user yet, and your identity provider did not confirm your email address. Ask an administrator, or sign in with email and password.';
  }
  if (code === RATE_LIMITED_SIGN_IN) return RATE_LIMITED_MESSAGE;
  return 'Sign-in failed. Check your email and password.';
}
