/**
 * The classic-script entry (`dist/avatar-adam.js`): defines `<avatar-adam>` and mounts one,
 * configured by the script tag's `data-*` attributes.
 */
import './avatar-adam.ts'
import { mountFromScript } from './mount.ts'

mountFromScript(document.currentScript as HTMLScriptElement | null)
