'use client';

import { signIn } from 'next-auth/react';
import { type FormEvent, useState } from 'react';
import { RATE_LIMITED_MESSAGE, RATE_LIMITED_SIGN_IN } from './sign-in-errors.ts';

export function SignInForm({
  callbackUrl,
  initialError,
  oidcEnabled,
}: {
  callbackUrl: string;
  initialError?: string | undefined;
  oidcEnabled: boolean;
}) {
  const [error, setError] = useState(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(undefined);
    const result = await signIn('credentials', {
      email: String(form.get('email') ?? ''),
      password: String(form.get('password') ?? ''),
      redirect: false,
    });
    if (result?.ok && !result.error) {
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(
      result?.error === RATE_LIMITED_SIGN_IN
        ? RATE_LIMITED_MESSAGE
        : 'Sign-in failed. Check your email and password.',
    );
  }

  return (
    <div className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm">
      <h1 className="mb-1 text-2xl font-semibold">Sign in to Kiln</h1>
      <p className="mb-6 text-sm text-slate-500">Machine images from Packer templates.</p>
      <form onSubmit={onSubmit} className="space-y-4">
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Email</span>
          <input
            name="email"
            type="email"
            autoComplete="username"
            required
            className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-orange-500 focus:outline-none focus:ring-2 focus:ring-orange-200"
          />
        </label>
        <label className="block">
          <span className="mb-1 block text-sm font-medium">Password</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            className="w-full rounded-md border border-slate-300 px-3 py-2 focus:border-orange-500 focus:outline-none focus:ring-2 focus:ring-orange-200"
          />
        </label>
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-orange-600 px-4 py-2 font-medium text-white hover:bg-orange-700 disabled:opacity-60"
        >
          {pending ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      {oidcEnabled ? (
        <button
          type="button"
          onClick={() => void signIn('oidc', { callbackUrl })}
          className="mt-3 w-full rounded-md border border-slate-300 px-4 py-2 font-medium hover:bg-slate-50"
        >
          Sign in with single sign-on
        </button>
      ) : null}
    </div>
  );
}
