import Link from 'next/link';
import { redirect } from 'next/navigation';
import { requireUser } from '~/server/auth.ts';
import { serverCaller } from '~/server/caller.ts';

export const dynamic = 'force-dynamic';

export default async function HomePage() {
  await requireUser('/');
  const caller = await serverCaller();
  const me = await caller.me.get();
  const organizations = me.organizations;
  if (organizations.length === 1 && organizations[0]) redirect(`/orgs/${organizations[0].slug}`);
  return (
    <main className="mx-auto max-w-xl px-4 py-16">
      <h1 className="mb-6 text-2xl font-semibold">Your organizations</h1>
      {organizations.length === 0 ? (
        <div className="space-y-2 text-slate-500">
          <p>You are signed in, but you are not a member of any organization yet.</p>
          <p>
            Signing in links your account; it does not grant access. Ask an owner or admin of your
            organization to add you as a member, then reload this page.
          </p>
        </div>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-xl border border-slate-200 bg-white">
          {organizations.map((org) => (
            <li key={org.slug}>
              <Link href={`/orgs/${org.slug}`} className="block px-5 py-3 hover:bg-slate-50">
                <span className="font-medium">{org.name}</span>
                <span className="ml-2 text-sm text-slate-500">{org.slug}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
