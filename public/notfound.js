// The 404 page: names the address that was not found (as text), and puts the cursor in the search box.

const path = (() => {
  try {
    return decodeURI(location.pathname)
  } catch {
    return location.pathname
  }
})()
const missing = document.getElementById('missing')
if (missing) missing.textContent = `（${path}）`
document.getElementById('q')?.focus()
