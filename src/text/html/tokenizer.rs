//! html5gum's tokenizer run over a page: every start tag, end tag, comment and
//! piece of text as an [`Event`], in the order of the file, each piece of text
//! with the reader position where it was emitted.

use crate::Span;
use html5gum::emitters::callback::{Callback, CallbackEmitter, CallbackEvent};
use html5gum::{Emitter, ForwardingEmitter, Tokenizer};
use std::cell::RefCell;
use std::convert::Infallible;
use std::rc::Rc;

/// What the tokenizer reported, in the order of the file.
#[derive(Debug)]
pub(super) enum Event {
    /// Text emitted with the reader at `end` (an offset into the tokenized input).
    Text {
        end: usize,
        bytes: Vec<u8>,
    },
    StartTag {
        name: String,
        span: Span,
        attributes: Vec<(String, String)>,
        self_closing: bool,
    },
    EndTag {
        name: String,
        span: Span,
    },
    /// A comment or doctype: markup to step over.
    Other {
        end: usize,
    },
}

type Log = Rc<RefCell<Vec<Event>>>;

/// The callback emitter of html5gum, with every piece of text logged at the
/// reader position where it was emitted (the callback only sees whole text
/// runs, which hides where references were).
struct PositionedEmitter<F: Callback<Infallible, usize>> {
    inner: CallbackEmitter<F, Infallible, usize>,
    position: usize,
    log: Log,
}

impl<F: Callback<Infallible, usize>> ForwardingEmitter for PositionedEmitter<F> {
    type Token = Infallible;

    fn inner(&mut self) -> &mut impl Emitter<Token = Self::Token> {
        &mut self.inner
    }

    fn move_position(&mut self, offset: isize) {
        self.position = self.position.saturating_add_signed(offset);
        self.inner.move_position(offset);
    }

    fn emit_string(&mut self, s: &[u8]) {
        self.log.borrow_mut().push(Event::Text {
            end: self.position,
            bytes: s.to_vec(),
        });
        self.inner.emit_string(s);
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).to_ascii_lowercase()
}

/// Every token of `input` as an [`Event`], offsets relative to `input`.
pub(super) fn events(input: &str) -> Vec<Event> {
    let log: Log = Rc::default();
    let callback_log = Rc::clone(&log);
    let callback = move |event: CallbackEvent<'_>, span: html5gum::Span<usize>| -> Option<Infallible> {
        let mut log = callback_log.borrow_mut();
        match event {
            CallbackEvent::OpenStartTag { name } => log.push(Event::StartTag {
                name: lossy(name),
                span: Span::new(span.start, span.end),
                attributes: Vec::new(),
                self_closing: false,
            }),
            CallbackEvent::AttributeName { name } => {
                if let Some(Event::StartTag { attributes, .. }) = log.last_mut() {
                    attributes.push((lossy(name), String::new()));
                }
            }
            CallbackEvent::AttributeValue { value } => {
                if let Some(Event::StartTag { attributes, .. }) = log.last_mut() {
                    if let Some(last) = attributes.last_mut() {
                        last.1 = String::from_utf8_lossy(value).into_owned();
                    }
                }
            }
            CallbackEvent::CloseStartTag { self_closing: closed } => {
                if let Some(Event::StartTag {
                    span: tag,
                    self_closing,
                    ..
                }) = log.last_mut()
                {
                    tag.end = span.end;
                    *self_closing = closed;
                }
            }
            CallbackEvent::EndTag { name } => log.push(Event::EndTag {
                name: lossy(name),
                span: Span::new(span.start, span.end),
            }),
            CallbackEvent::Comment { .. } | CallbackEvent::Doctype { .. } => log.push(Event::Other { end: span.end }),
            CallbackEvent::String { .. } | CallbackEvent::Error(_) => {}
        }
        None
    };
    let mut inner = CallbackEmitter::new(callback);
    // Raw text in <script>, <style>, <title>, <textarea> as browsers read it.
    inner.naively_switch_states(true);
    let emitter = PositionedEmitter {
        inner,
        position: 0,
        log: Rc::clone(&log),
    };
    // Running the tokenizer to the end fills the log; it yields no tokens
    // (the callback returns none) and a string reader cannot fail.
    Tokenizer::new_with_emitter(input, emitter).for_each(drop);
    log.take()
}
