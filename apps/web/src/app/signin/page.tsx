import type { Metadata } from 'next';
import { oidcSettings } from '~/env.ts';
import { SignInForm } from '~/features/auth/sign-in-form.tsx';

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
        callbackUrl={safeCallback(callbackUrl)}
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
  return 'Sign-in failed. Check your email and password.';
}

/** Only same-site paths: never redirect to another origin after sign-in. */
function safeCallback(callbackUrl: string | undefined): string {
  if (!callbackUrl) return '/';
  if (callbackUrl.startsWith('/') && !callbackUrl.startsWith('//')) return callbackUrl;
  try {
    const url = new URL(callbackUrl);
    return `${url.pathname}${url.search}`;
  } catch {
    return '/';
  }
}
