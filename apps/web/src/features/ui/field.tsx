import type { ChangeEvent } from 'react';
import { inputClass } from './section.tsx';

/** A labelled input of a form: the label's text names it for people and for tests. */
export function TextField({
  label,
  name,
  type = 'text',
  required = false,
  placeholder,
}: {
  label: string;
  name: string;
  type?: 'text' | 'email' | 'date';
  required?: boolean;
  placeholder?: string;
}) {
  return (
    <label className="flex flex-col text-sm">
      <span className="mb-1 font-medium">{label}</span>
      <input name={name} type={type} required={required} placeholder={placeholder} className={inputClass} />
    </label>
  );
}

export const ROLES = ['viewer', 'contributor', 'admin', 'owner'] as const;
export type Role = (typeof ROLES)[number];

/** The four roles, lowest first: a form field (`name`) or a control of its own (`value` + `onChange`). */
export function RoleSelect(
  props: { name: string; label: string } | { ariaLabel: string; value: Role; onChange: (role: Role) => void },
) {
  const options = ROLES.map((role) => (
    <option key={role} value={role}>
      {role}
    </option>
  ));
  if ('name' in props) {
    return (
      <label className="flex flex-col text-sm">
        <span className="mb-1 font-medium">{props.label}</span>
        <select name={props.name} defaultValue="viewer" className={inputClass}>
          {options}
        </select>
      </label>
    );
  }
  return (
    <select
      aria-label={props.ariaLabel}
      value={props.value}
      className={inputClass}
      onChange={(e: ChangeEvent<HTMLSelectElement>) => props.onChange(e.target.value as Role)}
    >
      {options}
    </select>
  );
}
