from .cli import run

if __name__ == "__main__":  # worker processes of a batch build may import this module
    run()
