import Link from 'next/link';

export default function NotFound() {
  return (
    <main className="mx-auto max-w-xl px-4 py-24 text-center">
      <h1 className="mb-2 text-2xl font-semibold">Not found</h1>
      <p className="mb-6 text-slate-500">This page does not exist, or you do not have access to it.</p>
      <Link href="/" className="text-orange-700 hover:underline">
        Back to your organizations
      </Link>
    </main>
  );
}
