"""What is learned from many documents at once, as opposed to one document's steps."""
