import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { TRPCReactProvider } from '~/trpc/react.tsx';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Kiln', template: '%s · Kiln' },
  description: 'Build machine images from Packer templates and keep them in a registry.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </body>
    </html>
  );
}
