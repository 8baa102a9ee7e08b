// True when axe-core is already loaded in this document (it is injected once per document).
() => typeof window.axe === 'object' && window.axe !== null && typeof window.axe.run === 'function'
