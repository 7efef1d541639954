// The documented portal flow, without a framework:
// - sign in with POST /api/token (form-encoded password grant) and keep the bearer token in memory only;
// - list GET /api/public/files/my and GET /api/public/billing/invoices/my;
// - keep a media JWT from GET /api/auth/media/customer fresh (it lives ~60 s; refreshed every 50 s) and build each
//   invoice link as /api/public/billing/invoices/{id}/pdf?t={jwt} and each file link as
//   /api/public/files/{id}/download?t={jwt}, which open without an Authorization header (a file, once open, keeps
//   reading after the token's minute through the continuation cookie its first response set);
// - keep "Open in server view" disabled until POST /api/sys/users/token/refresh?_shape=Value,WasSuccessful answers
//   WasSuccessful: true, then link to /{culture}/user/login?server=true&t={Value}&redirectUrl={path}. The one-time
//   token is single use and short-lived, so a click spends it and a fresh one is fetched.
'use strict';

(() => {
  const refreshIntervalMs = 50_000;
  const culture = 'en';
  const serverViewPath = `/${culture}/invoices`;

  const $ = (id) => document.getElementById(id);
  const session = { bearer: null, mediaJwt: null, invoices: [], files: [], timers: [] };

  function showStatus(message) {
    $('status').textContent = message ?? '';
  }

  function signOut(message) {
    session.timers.forEach(clearInterval);
    Object.assign(session, { bearer: null, mediaJwt: null, invoices: [], files: [], timers: [] });
    $('account').hidden = true;
    $('sign-in').hidden = false;
    $('files').replaceChildren();
    $('invoices').tBodies[0].replaceChildren();
    disableServerView('Preparing a one-time sign-in link...');
    showStatus(message);
  }

  async function callApi(path, method = 'GET') {
    const response = await fetch(path, {
      method,
      headers: { Authorization: `Bearer ${session.bearer}`, Accept: 'application/json' },
      cache: 'no-store',
    });
    if (response.status === 401) {
      signOut('Your session has ended. Sign in again.');
      throw new Error('The bearer token was refused.');
    }
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}.`);
    }
    return response.json();
  }

  async function signIn(event) {
    event.preventDefault();
    const email = $('email').value;
    $('sign-in-button').disabled = true;
    showStatus('');
    try {
      const response = await fetch('/api/token', {
        method: 'POST',
        body: new URLSearchParams({ grant_type: 'password', username: email, password: $('password').value }),
        cache: 'no-store',
      });
      const body = await response.json();
      if (!response.ok || !body.access_token) {
        showStatus(body.error_description ?? 'Sign-in failed.');
        return;
      }
      session.bearer = body.access_token;
    } catch (error) {
      showStatus(`Sign-in failed: ${error.message}`);
      return;
    } finally {
      $('sign-in-button').disabled = false;
      $('password').value = '';
    }

    $('customer-email').textContent = email;
    $('sign-in').hidden = true;
    $('account').hidden = false;
    session.timers.push(setInterval(refreshMediaToken, refreshIntervalMs));
    session.timers.push(setInterval(refreshServerView, refreshIntervalMs));
    await Promise.all([loadFiles(), loadInvoices(), refreshMediaToken(), refreshServerView()]);
  }

  async function loadFiles() {
    try {
      session.files = await callApi('/api/public/files/my');
      renderFiles();
    } catch (error) {
      showStatus(`Files could not be loaded: ${error.message}`);
    }
  }

  async function loadInvoices() {
    try {
      session.invoices = await callApi('/api/public/billing/invoices/my');
      renderInvoices();
    } catch (error) {
      showStatus(`Invoices could not be loaded: ${error.message}`);
    }
  }

  async function refreshMediaToken() {
    try {
      const media = await callApi('/api/auth/media/customer');
      session.mediaJwt = media.jwt;
    } catch (error) {
      session.mediaJwt = null;
      showStatus(`PDF links are unavailable: ${error.message}`);
    }
    renderInvoices();
    renderFiles();
  }

  function renderFiles() {
    $('files').replaceChildren(...session.files.map((file) => {
      const item = document.createElement('li');
      item.dataset.fileId = file.Id;
      const link = document.createElement('a');
      link.className = 'download';
      link.textContent = file.Name;
      if (session.mediaJwt) {
        link.href = `/api/public/files/${encodeURIComponent(file.Id)}/download?t=${encodeURIComponent(session.mediaJwt)}`;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
      } else {
        link.setAttribute('aria-disabled', 'true');
      }
      item.append(link, ` - ${file.Description}${file.Signed ? ' (signed)' : ''}`);
      return item;
    }));
  }

  function renderInvoices() {
    $('invoices').tBodies[0].replaceChildren(...session.invoices.map((invoice) => {
      const row = document.createElement('tr');
      row.dataset.invoiceId = invoice.Id;
      const cells = [
        invoice.InvoiceNumber,
        invoice.CreatedOn,
        invoice.DueDate,
        new Intl.NumberFormat('en', { style: 'currency', currency: invoice.CurrencyCode }).format(invoice.TotalAmount),
        invoice.Paid ? 'Paid' : 'Unpaid',
      ].map((text) => {
        const cell = document.createElement('td');
        cell.textContent = text;
        return cell;
      });
      cells[4].className = invoice.Paid ? 'paid' : 'unpaid';

      const link = document.createElement('a');
      link.className = 'pdf';
      link.textContent = 'Open PDF';
      if (session.mediaJwt) {
        link.href = `/api/public/billing/invoices/${encodeURIComponent(invoice.Id)}/pdf?t=${encodeURIComponent(session.mediaJwt)}`;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
      } else {
        link.setAttribute('aria-disabled', 'true');
      }
      const linkCell = document.createElement('td');
      linkCell.append(link);
      row.append(...cells, linkCell);
      return row;
    }));
  }

  function disableServerView(state) {
    const link = $('server-view');
    link.removeAttribute('href');
    link.setAttribute('aria-disabled', 'true');
    $('server-view-state').textContent = state;
  }

  async function refreshServerView() {
    try {
      const confirmation = await callApi('/api/sys/users/token/refresh?_shape=Value,WasSuccessful', 'POST');
      if (confirmation.WasSuccessful !== true || !confirmation.Value) {
        disableServerView('The server view is unavailable right now; retrying shortly.');
        return;
      }
      const link = $('server-view');
      link.href = `/${culture}/user/login?server=true&t=${encodeURIComponent(confirmation.Value)}` +
        `&redirectUrl=${encodeURIComponent(serverViewPath)}`;
      link.setAttribute('aria-disabled', 'false');
      $('server-view-state').textContent = '';
    } catch (error) {
      disableServerView(`The server view is unavailable: ${error.message}`);
    }
  }

  function openServerView(event) {
    const link = $('server-view');
    if (link.getAttribute('aria-disabled') !== 'false') {
      event.preventDefault();
      return;
    }
    // The token is spent by this navigation (in this tab or a new one); the next click needs a fresh one. Deferred so
    // that the browser has taken the link's current href before it is removed.
    setTimeout(() => {
      disableServerView('Preparing a new one-time sign-in link...');
      void refreshServerView();
    }, 0);
  }

  $('sign-in-form').addEventListener('submit', signIn);
  $('sign-out').addEventListener('click', () => signOut('Signed out.'));
  $('server-view').addEventListener('click', openServerView);
})();
