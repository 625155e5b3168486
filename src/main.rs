fn main() {
    eprintln!("copydesk: the command-line frame is being written");
    std::process::exit(1);
}
