// The search box's guard: a query past the server's limit is said so, with its length, never cut.
// (A maxlength attribute cut a pasted query silently.)

import { maxQueryLength } from './limits.js'
import { tooLongMessage } from './messages.js'

/**
 * Shows, under `input`, how much too long the query is as it is typed or pasted, and stops the
 * form from sending it. Returns the check, for forms that send in their own way.
 */
export function guardLength(form, input) {
  const note = document.createElement('p')
  note.className = 'field-error'
  note.id = `${input.id}-error`
  note.setAttribute('role', 'alert')
  note.hidden = true
  form.after(note)
  const check = () => {
    const length = input.value.trim().length
    const over = length > maxQueryLength
    note.hidden = !over
    note.textContent = over ? tooLongMessage(length, maxQueryLength) : ''
    if (over) input.setAttribute('aria-describedby', note.id)
    else input.removeAttribute('aria-describedby')
    input.setAttribute('aria-invalid', String(over))
    return !over
  }
  input.addEventListener('input', check)
  // Capture: the page's own submit handler must not see a query that is too long.
  form.addEventListener(
    'submit',
    (event) => {
      if (check()) return
      event.preventDefault()
      event.stopImmediatePropagation()
      input.focus()
    },
    true,
  )
  return check
}
