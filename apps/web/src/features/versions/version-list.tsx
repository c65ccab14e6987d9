import Link from 'next/link';
import type { ReactNode } from 'react';
import { formatTime } from '~/features/ui/format.ts';
import { StatusBadge } from '~/features/ui/status-badge.tsx';

export interface VersionArtifactView {
  id: string;
  externalIdentifier: string;
  region: string;
}

/** The registry version a build was made from (HCP Packer's ancestry). */
export interface VersionParentView {
  versionName: string;
  bucketName: string;
  channelName: string | null;
}

export interface VersionBuildView {
  id: string;
  componentType: string;
  platform: string;
  status: string;
  parent: VersionParentView | null;
  artifacts: VersionArtifactView[];
}

/** A version's revocation (in effect or scheduled), named for people. */
export interface VersionRevocationView {
  revokeAt: Date | string;
  message: string | null;
  revokedByName: string;
  inheritedFrom: { name: string; bucketName: string } | null;
}

export interface VersionView {
  id: string;
  name: string;
  fingerprint: string;
  status: string;
  createdBy: string;
  createdAt: Date | string;
  channels: string[];
  builds: VersionBuildView[];
  revocation: VersionRevocationView | null;
}

/**
 * Each version with who made it when, and its builds per source with their artifacts and the
 * version each was built from; `bucketHref` links a parent's bucket.
 */
export function VersionList({
  versions,
  bucketHref,
  actions,
}: {
  versions: VersionView[];
  bucketHref: (bucketName: string) => string;
  /** Buttons shown on each version (revoke, restore). */
  actions?: (version: VersionView) => ReactNode;
}) {
  if (versions.length === 0) return <p className="text-sm text-slate-500">No versions yet.</p>;
  return (
    <ul aria-label="Versions" className="space-y-4">
      {versions.map((version) => (
        <li
          key={version.id}
          data-testid="version"
          data-fingerprint={version.fingerprint}
          data-version={version.name}
          data-status={version.status}
          className="rounded-lg border border-slate-200"
        >
          <div className="flex flex-wrap items-center gap-x-6 gap-y-1 border-b border-slate-100 bg-slate-50 px-4 py-2 text-sm">
            <span className="text-base font-semibold">{version.name}</span>
            <StatusBadge status={version.status} />
            <span>
              <span className="text-slate-500">Fingerprint </span>
              <span className="font-mono text-xs">{version.fingerprint}</span>
            </span>
            <span>
              <span className="text-slate-500">Created by </span>
              {version.createdBy}
            </span>
            <span>
              <span className="text-slate-500">at </span>
              {formatTime(version.createdAt)}
            </span>
            {version.channels.length > 0 ? (
              <span className="flex gap-1">
                {version.channels.map((channel) => (
                  <span key={channel} className="rounded bg-orange-100 px-1.5 py-0.5 text-xs text-orange-800">
                    {channel}
                  </span>
                ))}
              </span>
            ) : null}
            {actions ? <span className="ml-auto flex gap-2">{actions(version)}</span> : null}
          </div>
          {version.revocation ? (
            <RevocationNote revocation={version.revocation} status={version.status} />
          ) : null}
          <table className="w-full text-left text-sm">
            <thead>
              <tr className="text-slate-500">
                <th className="px-4 py-2 font-medium">Component</th>
                <th className="px-4 py-2 font-medium">Platform</th>
                <th className="px-4 py-2 font-medium">Status</th>
                <th className="px-4 py-2 font-medium">Artifacts</th>
              </tr>
            </thead>
            <tbody>
              {version.builds.map((build) => (
                <tr
                  key={build.id}
                  data-testid="version-build"
                  className="border-t border-slate-100 align-top"
                >
                  <td className="px-4 py-2">
                    <span className="font-mono text-xs">{build.componentType}</span>
                    {build.parent ? (
                      <span data-testid="build-parent" className="block text-xs text-slate-500">
                        built from{' '}
                        <Link
                          className="text-orange-700 hover:underline"
                          href={bucketHref(build.parent.bucketName)}
                        >
                          {build.parent.bucketName}
                        </Link>{' '}
                        {build.parent.versionName}
                        {build.parent.channelName ? ` via ${build.parent.channelName}` : ''}
                      </span>
                    ) : null}
                  </td>
                  <td className="px-4 py-2">{build.platform || '—'}</td>
                  <td className="px-4 py-2">
                    <StatusBadge status={build.status} />
                  </td>
                  <td className="px-4 py-2">
                    {build.artifacts.length === 0 ? (
                      '—'
                    ) : (
                      <ul>
                        {build.artifacts.map((artifact) => (
                          <li key={artifact.id} data-testid="artifact" className="font-mono text-xs">
                            {artifact.externalIdentifier}
                            <span className="ml-2 font-sans text-slate-500">{artifact.region}</span>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </li>
      ))}
    </ul>
  );
}

function RevocationNote({ revocation, status }: { revocation: VersionRevocationView; status: string }) {
  const when = status === 'revoked' ? 'Revoked' : 'Revocation scheduled for';
  return (
    <p
      data-testid="revocation"
      className="border-b border-amber-100 bg-amber-50 px-4 py-2 text-sm text-amber-900"
    >
      {when} {formatTime(revocation.revokeAt)} by {revocation.revokedByName}
      {revocation.inheritedFrom ? (
        <span data-testid="revocation-inherited">
          {' '}
          (inherited from {revocation.inheritedFrom.bucketName} {revocation.inheritedFrom.name})
        </span>
      ) : null}
      {revocation.message ? `: ${revocation.message}` : ''}
    </p>
  );
}
