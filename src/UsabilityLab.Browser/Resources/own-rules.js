// UsabilityLab's own page rules: procedures for ACT rules that axe-core does not implement, or
// implements with gaps (W3C ACT Rules, https://www.w3.org/WAI/standards-guidelines/act/rules/).
// Each reads the page as it is rendered, with axe-core's own helpers for roles, visibility and
// tables (axe is in the page already), and answers one outcome per procedure: failed, cantTell,
// passed or inapplicable. A procedure that cannot judge something says cantTell ("til vurdering"),
// never failed: a false failure is a false finding in an audit.
//
// Called with no ids it lists the procedures (id, the ACT rules each implements, the WCAG success
// criteria it reports); with ids it runs those and returns { id: outcome }.
async (ids) => {
  const rules = {
    'meta-refresh-delay': {
      act: ['bc659a'], wcag: ['2.2.1', '2.2.4', '3.2.5'],
      run: () => metaRefresh(delay => delay === 0 || delay > 72000),
    },
    'meta-refresh-no-delay': {
      act: ['bisz58'], wcag: ['2.2.4', '3.2.5'],
      run: () => metaRefresh(delay => delay === 0),
    },
    'th-has-assigned-cells': {
      act: ['d0f69e'], wcag: ['1.3.1'],
      run: headerCellsHaveAssignedCells,
    },
    'aria-prohibited-global': {
      act: ['kb1m8s'], wcag: [],
      run: prohibitedGlobalProperties,
    },
    'media-autoplay-control': {
      act: ['4c31df'], wcag: [],
      run: async () => autoplayingMedia(media => (media.seconds <= 3 ? 'inapplicable' : media.control)),
    },
    'media-autoplay-short': {
      act: ['aaa1bf'], wcag: [],
      run: async () => autoplayingMedia(media => media.seconds <= 3 ? 'passed' : 'failed'),
    },
    'media-autoplay-audio': {
      act: ['80f0bf'], wcag: ['1.4.2'],
      run: async () => autoplayingMedia(media => media.seconds <= 3 ? 'passed' : media.control),
    },
    'focus-visible': {
      act: ['oj04fd'], wcag: ['2.4.7'],
      run: focusVisible,
    },
  };

  // Media a person must review: whether captions, audio description, a transcript or the text the
  // media is an alternative for exist and are right is not for a machine to tell, but which media
  // need which alternative is. Each asks its question ("til vurdering") where the rule applies.
  const reviews = [
    ['video-captions', ['f51b46'], ['1.2.2'], 'video-audio'],
    ['video-auditory-alternative', ['eac66b'], ['1.2.2'], 'video-audio'],
    ['video-audio-description', ['1ea59c'], ['1.2.5'], 'video-audio'],
    ['video-visual-alternative', ['c5a4ea'], ['1.2.3', '1.2.5'], 'video-audio'],
    ['video-visual-strict-alternative', ['1ec09b'], [], 'video-audio'],
    ['video-transcript', ['1a02b0'], [], 'video-audio'],
    ['video-alternative-for-text', ['ab4d13'], [], 'video-audio'],
    ['video-visual-only-alternative', ['c3232f'], ['1.2.1'], 'video-silent'],
    ['video-visual-only-audio-track', ['d7ba54'], [], 'video-silent'],
    ['video-visual-only-transcript', ['ee13b5'], [], 'video-silent'],
    ['video-visual-only-alternative-for-text', ['fd26cf'], [], 'video-silent'],
    ['audio-transcript', ['2eb176'], [], 'audio'],
    ['audio-text-alternative', ['e7aa44'], ['1.2.1'], 'audio'],
    ['audio-alternative-for-text', ['afb423'], [], 'audio'],
  ];
  for (const [id, act, wcag, kind] of reviews) {
    rules[id] = { act, wcag, run: async () => ((await mediaOfKind(kind)) ? 'cantTell' : 'inapplicable') };
  }

  if (!ids || ids.length === 0) {
    return JSON.stringify(Object.entries(rules).map(([id, rule]) => ({ id, actIds: rule.act, wcag: rule.wcag })));
  }

  const axe = window.axe;
  const mediaKey = Symbol.for('usabilitylab.media');
  if (typeof axe !== 'object' || axe === null) return null;
  if (document.getElementById('webkit-xml-viewer-source-xml')) {
    return JSON.stringify(Object.fromEntries(ids.map(id => [id, 'inapplicable'])));
  }

  const outcomes = {};
  for (const id of ids) {
    const rule = rules[id];
    if (!rule) continue;
    axe.setup(document);
    try {
      outcomes[id] = await rule.run();
    } catch (error) {
      outcomes[id] = 'cantTell';
    } finally {
      axe.teardown();
    }
  }
  return JSON.stringify(outcomes);

  // The worst outcome of the targets: failed, cantTell, passed, inapplicable (none).
  function worst(outcomes) {
    const order = ['inapplicable', 'passed', 'cantTell', 'failed'];
    return outcomes.reduce((a, b) => (order.indexOf(b) > order.indexOf(a) ? b : a), 'inapplicable');
  }

  // A media element's play() waits for its data, which may never come: a person must look then.
  async function play(media) {
    let timer;
    const late = new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('did not start')), 2000); });
    try {
      await Promise.race([media.play(), late]);
    } finally {
      clearTimeout(timer);
    }
  }

  function included(element) {
    return axe.commons.dom.isVisibleToScreenReaders(element);
  }

  // ---- meta refresh: the first valid refresh declaration is the one a browser acts on ----

  function metaRefresh(allowed) {
    for (const meta of document.querySelectorAll('meta[http-equiv]')) {
      if (meta.getAttribute('http-equiv').trim().toLowerCase() !== 'refresh') continue;
      const delay = refreshDelay(meta.getAttribute('content'));
      if (delay === null) continue;
      return allowed(delay) ? 'passed' : 'failed';
    }
    return 'inapplicable';
  }

  // The HTML standard's "shared declarative refresh steps", as far as they decide validity and the delay.
  function refreshDelay(content) {
    if (content === null) return null;
    let position = 0;
    const isSpace = c => c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
    while (position < content.length && isSpace(content[position])) position++;
    const start = position;
    while (position < content.length && content[position] >= '0' && content[position] <= '9') position++;
    const digits = content.slice(start, position);
    if (digits === '' && content[position] !== '.') return null;
    while (position < content.length && ((content[position] >= '0' && content[position] <= '9') || content[position] === '.')) position++;
    if (position < content.length && !(content[position] === ';' || content[position] === ',' || isSpace(content[position]))) return null;
    return digits === '' ? 0 : Number.parseInt(digits, 10);
  }

  // ---- table header cells ----

  function headerCellsHaveAssignedCells() {
    const results = [];
    for (const table of document.querySelectorAll('table, [role]')) {
      const role = axe.commons.aria.getRole(table);
      if (!['table', 'grid', 'treegrid'].includes(role) || !included(table)) continue;
      const grid = tableGrid(table);
      for (const [r, row] of grid.entries()) {
        for (const [c, cell] of row.entries()) {
          if (!cell || cell.row !== r || cell.col !== c) continue;
          const cellRole = axe.commons.aria.getRole(cell.element);
          if ((cellRole !== 'columnheader' && cellRole !== 'rowheader') || !included(cell.element)) continue;
          results.push(hasAssignedCell(grid, cell, cellRole) ? 'passed' : 'failed');
        }
      }
    }
    return worst(results);
  }

  // The table's cells on a grid (row and column spans taken), with the row and column each starts in.
  function tableGrid(table) {
    const rows = [];
    const owned = element => Array.from(element.children).flatMap(child => {
      const role = axe.commons.aria.getRole(child);
      if (role === 'row') return [child];
      if (role === 'rowgroup' || role === null || role === 'generic' || role === 'none' || role === 'presentation') return owned(child);
      return [];
    });
    const cellsOf = row => Array.from(row.children).flatMap(child => {
      const role = axe.commons.aria.getRole(child);
      if (['cell', 'gridcell', 'columnheader', 'rowheader'].includes(role)) return [child];
      if (role === null || role === 'generic' || role === 'none' || role === 'presentation') return cellsOf(child);
      return [];
    });
    const grid = [];
    owned(table).forEach((row, r) => {
      grid[r] = grid[r] || [];
      let c = 0;
      for (const element of cellsOf(row)) {
        while (grid[r][c]) c++;
        const colspan = Math.max(1, Number.parseInt(element.getAttribute('colspan') || '1', 10) || 1);
        const rowspanAttr = Number.parseInt(element.getAttribute('rowspan') || '1', 10);
        const rowspan = Number.isNaN(rowspanAttr) || rowspanAttr < 1 ? 1 : rowspanAttr;
        const cell = { element, row: r, col: c, colspan, rowspan };
        for (let dr = 0; dr < rowspan; dr++) {
          grid[r + dr] = grid[r + dr] || [];
          for (let dc = 0; dc < colspan; dc++) grid[r + dr][c + dc] = cell;
        }
        c += colspan;
      }
    });
    rows.push(...grid);
    return rows;
  }

  // A header cell's assigned cells (as the HTML table model assigns them, header cells too): those
  // that name it in headers, or, without headers, the other cells of its column (a column header)
  // or of its row (a row header).
  function hasAssignedCell(grid, header, role) {
    const id = header.element.id;
    const cells = new Set(grid.flat().filter(Boolean));
    for (const cell of cells) {
      if (cell === header || !included(cell.element)) continue;
      const headers = cell.element.getAttribute('headers');
      if (headers !== null && headers.trim() !== '') {
        if (id && headers.trim().split(/\s+/).includes(id)) return true;
        continue;
      }
      const inColumn = cell.col < header.col + header.colspan && header.col < cell.col + cell.colspan;
      const inRow = cell.row < header.row + header.rowspan && header.row < cell.row + cell.rowspan;
      if (role === 'columnheader' && inColumn && cell.row !== header.row) return true;
      if (role === 'rowheader' && inRow && cell.col !== header.col) return true;
    }
    return false;
  }

  // ---- ARIA global properties where the role prohibits them (WAI-ARIA 1.2, 5.2.5; 1.3 for braille) ----

  function prohibitedGlobalProperties() {
    const cannotBeNamed = ['caption', 'code', 'deletion', 'emphasis', 'generic', 'insertion', 'paragraph', 'presentation', 'none', 'strong', 'subscript', 'superscript', 'suggestion'];
    const naming = ['aria-label', 'aria-labelledby', 'aria-braillelabel'];
    const describing = ['aria-roledescription', 'aria-brailleroledescription'];
    const results = [];
    for (const element of document.querySelectorAll('*')) {
      const used = [...naming, ...describing].filter(name => element.hasAttribute(name));
      if (used.length === 0 || !included(element)) continue;
      const explicit = axe.commons.aria.getExplicitRole(element);
      const implicit = axe.commons.aria.implicitRole(element) || 'generic';
      const presentational = explicit === 'none' || explicit === 'presentation';
      // A presentational role with a global property is ignored by browsers when the element has a
      // role of its own: which role the property then belongs to is for a person to tell.
      if (presentational && implicit !== 'generic') {
        results.push('cantTell');
        continue;
      }
      const role = presentational ? 'generic' : (explicit || implicit);
      const prohibited = used.filter(name => cannotBeNamed.includes(role) && (naming.includes(name) || role === 'generic' || role === 'none' || role === 'presentation'));
      results.push(prohibited.length > 0 ? 'failed' : 'passed');
    }
    return worst(results);
  }

  // ---- media that plays by itself ----

  // Each audio or video element that plays by itself with sound: an autoplay attribute, not muted,
  // and sound (for a video, see hasAudio). `judge` gets how long it plays and its control (controlOf).
  async function autoplayingMedia(judge) {
    const results = [];
    for (const media of document.querySelectorAll('audio[autoplay], video[autoplay]')) {
      if (media.muted || media.hasAttribute('muted')) continue;
      const info = await playing(media);
      if (info === null) continue;
      // Sound a person must confirm turns any failure into a question.
      const outcome = judge({ seconds: info.seconds, control: controlOf(media) });
      results.push(info.sound === 'cantTell' && outcome === 'failed' ? 'cantTell' : outcome);
    }
    return worst(results);
  }

  async function playing(media) {
    const deadline = performance.now() + 3000;
    while (media.readyState < 1 && media.networkState !== 3 && !media.error && performance.now() < deadline) {
      await new Promise(resolve => setTimeout(resolve, 50));
    }
    if (media.error || media.networkState === 3 || !Number.isFinite(media.duration) || media.duration === 0) return null;
    const fragment = /#t=([\d.]*)(?:,([\d.]+))?/.exec(media.currentSrc || '');
    const start = fragment && fragment[1] ? Number.parseFloat(fragment[1]) : 0;
    const end = fragment && fragment[2] ? Math.min(Number.parseFloat(fragment[2]), media.duration) : media.duration;
    const sound = media instanceof HTMLVideoElement ? await hasAudio(media) : 'yes';
    if (sound === 'no') return null;
    return { seconds: Math.max(0, end - start), sound };
  }

  // Whether a video plays sound: Chromium counts the audio it decoded (none: no audio track), and a
  // track of silence is told by listening to it for up to four seconds. Sound from another origin cannot be
  // listened to (the browser gives silence), so a person must tell.
  async function hasAudio(video) {
    if (typeof video.webkitAudioDecodedByteCount !== 'number') return 'cantTell';
    const deadline = performance.now() + 2000;
    while (video.webkitAudioDecodedByteCount === 0 && performance.now() < deadline) {
      if (video.paused) {
        try { await play(video); } catch { return 'cantTell'; }
      }
      await new Promise(resolve => setTimeout(resolve, 100));
    }
    if (video.webkitAudioDecodedByteCount === 0) return 'no';
    const sameOrigin = new URL(video.currentSrc, location.href).origin === location.origin;
    if (!sameOrigin || typeof AudioContext !== 'function') return 'cantTell';
    if (video.paused) {
      try { await play(video); } catch { return 'cantTell'; }
    }
    const context = new AudioContext();
    try {
      const analyser = context.createAnalyser();
      const source = context.createMediaElementSource(video);
      source.connect(analyser);
      analyser.connect(context.destination);
      await context.resume().catch(() => {});
      if (context.state !== 'running') return 'cantTell';
      const samples = new Float32Array(analyser.fftSize);
      for (let i = 0; i < 80 && !video.paused && !video.ended; i++) {
        await new Promise(resolve => setTimeout(resolve, 50));
        analyser.getFloatTimeDomainData(samples);
        if (samples.some(sample => Math.abs(sample) > 0.001)) return 'yes';
      }
      return 'no';
    } catch {
      return 'cantTell';
    }
  }

  // The browser's own controls are a mechanism; buttons of the page's own (anywhere on it: a
  // page's player may put them far from the element) must be tried by a person; with neither there
  // is no mechanism to stop the sound.
  function controlOf(media) {
    if (media.controls && included(media)) return 'passed';
    const buttons = Array.from(document.querySelectorAll('button, [role="button"], input[type="button"], input[type="image"]'));
    const named = buttons.some(button => included(button) && axe.commons.dom.isVisibleOnScreen(button) && axe.commons.text.accessibleText(button).trim() !== '');
    return named ? 'cantTell' : 'failed';
  }

  // Whether the page has media of a kind a person can play: a visible video with sound
  // ('video-audio') or without ('video-silent'), or audio that plays by itself or has controls.
  // A video whose sound cannot be found out counts as both.
  async function mediaOfKind(kind) {
    window[mediaKey] = window[mediaKey] || await surveyMedia();
    const media = window[mediaKey];
    if (kind === 'audio') return media.some(m => m.audioElement);
    if (kind === 'video-audio') return media.some(m => !m.audioElement && m.sound !== 'no');
    return media.some(m => !m.audioElement && m.sound !== 'yes');
  }

  async function surveyMedia() {
    const found = [];
    for (const element of document.querySelectorAll('audio, video')) {
      if (element instanceof HTMLAudioElement) {
        const playable = (element.controls && axe.commons.dom.isVisibleOnScreen(element)) || element.autoplay;
        if (playable && included(element)) found.push({ audioElement: true });
      } else if (axe.commons.dom.isVisibleOnScreen(element)) {
        found.push({ audioElement: false, sound: await soundOf(element) });
      }
    }
    return found;
  }

  // Chromium counts the audio it decodes: a video is played muted for half a second and asked. A
  // video without sound decodes next to nothing (a few hundred bytes a second, against ten thousand
  // and more for speech); a track that holds only silence decodes like sound, so 'yes' can be wrong,
  // 'no' is not. A video that does not play is for a person to look at.
  async function soundOf(video) {
    if (typeof video.webkitAudioDecodedByteCount !== 'number') return 'cantTell';
    const wasMuted = video.muted;
    const wasPaused = video.paused;
    video.muted = true;
    try {
      if (wasPaused) await play(video);
      const from = { time: video.currentTime, bytes: video.webkitAudioDecodedByteCount };
      const deadline = performance.now() + 3000;
      while (video.currentTime - from.time < 0.5 && !video.error && !video.ended && performance.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 50));
      }
      const seconds = video.currentTime - from.time;
      if (video.error || seconds < 0.2) return 'cantTell';
      return (video.webkitAudioDecodedByteCount - from.bytes) / seconds > 2000 ? 'yes' : 'no';
    } catch {
      return 'cantTell';
    } finally {
      if (wasPaused) video.pause();
      video.muted = wasMuted;
    }
  }

  // ---- focus visible ----

  // Each element in the sequential focus order is focused; some visible change in the page must
  // follow: the browser's own focus ring, or a change of a visual property of any element (its own
  // or another's, such as an indicator beside it). Animations are let finish before the comparison.
  async function focusVisible() {
    const focusables = axe.utils.querySelectorAll(axe._tree[0], '*')
      .map(node => node.actualNode)
      .filter(element => element instanceof HTMLElement && element.tabIndex >= 0 && axe.commons.dom.isFocusable(element) && axe.commons.dom.isVisibleOnScreen(element));
    if (focusables.length === 0) return 'inapplicable';
    // What is drawn, not what is declared: an outline or border that is not drawn has no colour to see.
    const drawn = style => {
      const values = [];
      if (style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0) values.push(style.outlineStyle, style.outlineWidth, style.outlineColor, style.outlineOffset);
      for (const side of ['Top', 'Right', 'Bottom', 'Left']) {
        if (style[`border${side}Style`] !== 'none' && Number.parseFloat(style[`border${side}Width`]) > 0) values.push(style[`border${side}Style`], style[`border${side}Width`], style[`border${side}Color`]);
        else values.push('-');
      }
      values.push(style.boxShadow, style.backgroundColor, style.backgroundImage, style.color, style.textDecorationLine, style.textDecorationColor, style.opacity, style.visibility, style.transform, style.width, style.height, style.fontWeight, style.content);
      return values.join('|');
    };
    const elements = Array.from(document.querySelectorAll('body, body *'));
    const snapshot = () => elements.map(element => [null, '::before', '::after'].map(pseudo => drawn(getComputedStyle(element, pseudo))).join('/'));
    const settle = async () => {
      const deadline = performance.now() + 1000;
      await new Promise(resolve => requestAnimationFrame(() => resolve()));
      while (document.getAnimations().some(a => a.playState === 'running') && performance.now() < deadline) {
        await new Promise(resolve => setTimeout(resolve, 50));
      }
    };
    const results = [];
    for (const element of focusables.slice(0, 200)) {
      if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
      await settle();
      const before = snapshot();
      element.focus({ focusVisible: true });
      if (document.activeElement !== element) {
        results.push('cantTell');
        continue;
      }
      await settle();
      const ring = getComputedStyle(element);
      if (ring.outlineStyle !== 'none' && Number.parseFloat(ring.outlineWidth) > 0) {
        results.push('passed');
        continue;
      }
      const after = snapshot();
      results.push(after.some((value, i) => value !== before[i]) ? 'passed' : 'failed');
    }
    if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
    return worst(results);
  }
}
