// Sharing: the link to what is shown, and an iframe snippet for a blog or a
// slide deck that scales with its column.

// embedURL is the page's URL in embed mode: the link's settings with embed
// set, and no duplicate embed key.
export function embedURL(href) {
  const [base, frag = ''] = String(href).split('#');
  const parts = frag.split('&').filter((p) => p && !p.startsWith('embed='));
  parts.push('embed=true');
  return base + '#' + parts.join('&');
}

// snippet is the HTML of an iframe showing url: as wide as its column, 16:10,
// lazily loaded, with a title for screen readers.
export function snippet(url, title = 'hnnplay: a Hamiltonian neural network trained in your browser') {
  const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<iframe src="${esc(url)}" title="${esc(title)}" loading="lazy" allow="fullscreen" ` +
    'style="width:100%;aspect-ratio:16/10;border:0"></iframe>';
}

// wireShare makes the Share dialog: the link (written first by writeLink),
// the embed snippet and the command line, each with a copy button; every
// dialog's close button.
export function wireShare(writeLink, setStatus) {
  const $ = (id) => document.getElementById(id);
  const copy = (text, what) => navigator.clipboard && navigator.clipboard.writeText(text).then(() => setStatus('info', what + ' copied.'), () => {});
  $('share').addEventListener('click', () => {
    writeLink();
    $('share-link').value = location.href;
    $('share-embed').value = snippet(embedURL(location.href));
    $('share-dialog').showModal();
  });
  $('copy-link').addEventListener('click', () => copy($('share-link').value, 'Link'));
  $('copy-embed').addEventListener('click', () => copy($('share-embed').value, 'Embed code'));
  $('copy-command').addEventListener('click', () => copy($('cli-command').textContent, 'Command'));
  document.querySelectorAll('dialog .close').forEach((b) => b.addEventListener('click', () => b.closest('dialog').close()));
}
