import type {
  Account,
  Invitation,
  InviteRequest,
  Member,
  MemberList,
  MemberRole,
} from '@avataradam/sdk/protocol'
import { html, LitElement, nothing, type PropertyValues } from 'lit'
import { customElement, property, query, state } from 'lit/decorators.js'
import type { PortalApi } from '../api.ts'
import { openDialog } from '../ui/dialog.ts'
import { type FormErrors, formErrors } from '../ui/field-errors.ts'
import { formatDateTime } from '../ui/format.ts'
import { portalStyles } from '../ui/styles.ts'
import '../ui/empty-state.ts'
import '../ui/error-banner.ts'

const ROLES: { role: MemberRole; label: string; text: string }[] = [
  { role: 'agent', label: 'Agent', text: 'reads conversations, leads and analytics' },
  { role: 'admin', label: 'Admin', text: 'also manages keys, knowledge, settings and members' },
  { role: 'owner', label: 'Owner', text: 'everything, including the audit log' },
]
const roleLabel = (role: MemberRole) => ROLES.find((r) => r.role === role)?.label ?? role

/** Members of the dealership and open invitations: invite, change roles, remove. */
@customElement('aa-members-page')
export class AaMembersPage extends LitElement {
  static override styles = portalStyles

  @property({ attribute: false }) accessor api!: PortalApi
  @property({ attribute: false }) accessor account: Account | undefined

  @state() accessor _list: MemberList | undefined
  @state() accessor _error = ''
  @state() accessor _status = ''
  @state() accessor _busy = false
  @state() accessor _inviteErrors: FormErrors = { message: '', fields: {} }
  @state() accessor _removing: Member | undefined

  @query('#remove') accessor _removeDialog: HTMLDialogElement | null = null

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('api') && this.api) void this._load()
  }

  private async _load() {
    try {
      this._list = await this.api.request<MemberList>('GET', '/members')
      this._error = ''
    } catch (err) {
      this._error = formErrors(err).message
    }
  }

  /** Only owners make or unmake owners (the server checks too). */
  private _assignable(): MemberRole[] {
    return this.account?.role === 'owner' ? ['agent', 'admin', 'owner'] : ['agent', 'admin']
  }

  override render() {
    return html`<aa-error-banner .message=${this._error}></aa-error-banner>
      <p class="visually-hidden" role="status" aria-live="polite">${this._status}</p>
      ${this._renderMembers()} ${this._renderInvitations()} ${this._renderInvite()}
      ${this._renderRemoveDialog()}`
  }

  private _renderMembers() {
    const list = this._list
    if (!list) return this._error ? nothing : html`<p class="muted" role="status">Loading…</p>`
    const me = this.account?.id
    return html`<h2>Members</h2>
      <table class="reflow">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Two-factor</th>
            <th scope="col">Last sign-in</th>
            <th scope="col"><span class="visually-hidden">Actions</span></th>
          </tr>
        </thead>
        <tbody>
          ${list.members.map((m) => {
            const editable = m.id !== me && (this.account?.role === 'owner' || m.role !== 'owner')
            return html`<tr>
              <td data-label="Name">${m.name}${m.id === me ? ' (you)' : ''}</td>
              <td data-label="Email">${m.email}</td>
              <td data-label="Role">
                ${
                  editable
                    ? html`<label class="visually-hidden" for="role-${m.id}">Role of ${m.name}</label>
                      <select id="role-${m.id}" @change=${(e: Event) => this._changeRole(m, e)}>
                        ${this._assignable().map(
                          (r) =>
                            html`<option value=${r} ?selected=${r === m.role}>${roleLabel(r)}</option>`,
                        )}
                      </select>`
                    : roleLabel(m.role)
                }
              </td>
              <td data-label="Two-factor">${m.totpEnabled ? 'On' : 'Off'}</td>
              <td data-label="Last sign-in">${m.lastSignInAt ? formatDateTime(m.lastSignInAt) : 'Never'}</td>
              <td data-label="Actions">
                ${
                  editable
                    ? html`<button type="button" class="danger" @click=${() => this._askRemove(m)}>
                      Remove<span class="visually-hidden"> ${m.name}</span>
                    </button>`
                    : nothing
                }
              </td>
            </tr>`
          })}
        </tbody>
      </table>`
  }

  private _renderInvitations() {
    const invitations = this._list?.invitations
    if (!invitations) return nothing
    return html`<h2>Invitations</h2>
      ${
        invitations.length === 0
          ? html`<p class="muted">No invitations waiting to be accepted.</p>`
          : html`<table class="reflow">
            <thead>
              <tr>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Sent</th>
                <th scope="col">Expires</th>
                <th scope="col"><span class="visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              ${invitations.map(
                (i: Invitation) => html`<tr>
                  <td data-label="Email">${i.email}</td>
                  <td data-label="Role">${roleLabel(i.role)}</td>
                  <td data-label="Sent">${formatDateTime(i.createdAt)}</td>
                  <td data-label="Expires">${formatDateTime(i.expiresAt)}</td>
                  <td data-label="Actions">
                    <button type="button" @click=${() => this._revokeInvitation(i)}>
                      Revoke<span class="visually-hidden"> the invitation for ${i.email}</span>
                    </button>
                  </td>
                </tr>`,
              )}
            </tbody>
          </table>`
      }`
  }

  private _renderInvite() {
    const f = this._inviteErrors.fields
    return html`<h2>Invite someone</h2>
      <form class="stack card" @submit=${this._invite}>
        <aa-error-banner .message=${this._inviteErrors.message}></aa-error-banner>
        <label for="invite-email"
          >Email
          <input
            id="invite-email"
            name="email"
            type="email"
            required
            autocomplete="off"
            aria-invalid=${f.email ? 'true' : 'false'}
          />
          ${f.email ? html`<span class="field-error">${f.email}</span>` : nothing}
        </label>
        <fieldset>
          <legend>Role</legend>
          ${this._assignable().map((r) => {
            const info = ROLES.find((x) => x.role === r)
            return html`<label class="inline"
              ><input type="radio" name="role" value=${r} ?checked=${r === 'agent'} />
              <span><strong>${info?.label}</strong>: ${info?.text}</span></label
            >`
          })}
        </fieldset>
        <p class="hint">
          They get an email with a link to join. Without a mail provider, the email waits in the
          Outbox, where you can copy the link.
        </p>
        <div class="actions">
          <button class="primary" type="submit" ?disabled=${this._busy}>Send invitation</button>
        </div>
      </form>`
  }

  private _renderRemoveDialog() {
    const m = this._removing
    return html`<dialog id="remove" aria-labelledby="remove-title">
      ${
        m
          ? html`<h2 id="remove-title">Remove ${m.name}?</h2>
            <p>${m.email} loses access to the portal straight away.</p>
            <div class="actions">
              <button class="danger" type="button" @click=${this._remove}>Remove</button>
              <button type="button" autofocus @click=${() => this._removeDialog?.close()}>
                Cancel
              </button>
            </div>`
          : nothing
      }
    </dialog>`
  }

  private async _invite(event: SubmitEvent) {
    event.preventDefault()
    const form = event.target as HTMLFormElement
    const data = new FormData(form)
    const body: InviteRequest = {
      email: String(data.get('email') ?? '').trim(),
      role: (data.get('role') as MemberRole | null) ?? 'agent',
    }
    this._busy = true
    this._inviteErrors = { message: '', fields: {} }
    try {
      await this.api.request('POST', '/members/invitations', body)
      form.reset()
      this._status = `Invitation sent to ${body.email}.`
      await this._load()
    } catch (err) {
      this._inviteErrors = formErrors(err, { conflict: 'email', email_taken: 'email' })
    } finally {
      this._busy = false
    }
  }

  private async _revokeInvitation(invitation: Invitation) {
    try {
      await this.api.request('DELETE', `/members/invitations/${encodeURIComponent(invitation.id)}`)
      this._status = `Invitation for ${invitation.email} revoked.`
      await this._load()
    } catch (err) {
      this._error = formErrors(err).message
    }
  }

  private async _changeRole(member: Member, event: Event) {
    const select = event.target as HTMLSelectElement
    const role = select.value as MemberRole
    try {
      await this.api.request('PATCH', `/members/${encodeURIComponent(member.id)}`, { role })
      this._status = `${member.name} is now ${roleLabel(role)}.`
      await this._load()
    } catch (err) {
      select.value = member.role
      this._error = formErrors(err).message
    }
  }

  private async _askRemove(member: Member) {
    this._removing = member
    await this.updateComplete
    openDialog(this._removeDialog)
  }

  private async _remove() {
    const member = this._removing
    if (!member) return
    try {
      await this.api.request('DELETE', `/members/${encodeURIComponent(member.id)}`)
      this._removeDialog?.close()
      this._status = `${member.name} was removed.`
      await this._load()
    } catch (err) {
      this._removeDialog?.close()
      this._error = formErrors(err).message
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'aa-members-page': AaMembersPage
  }
}
