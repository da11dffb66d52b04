import { createPortalApi } from './api-client.ts'
import './app-shell.ts'

// The shell needs its API before it connects (it restores the session as it does).
const shell = document.createElement('aa-app-shell')
shell.api = createPortalApi({ onSignedOut: (reason) => shell.signedOut(reason) })
document.querySelector('.boot')?.remove()
document.body.prepend(shell)
