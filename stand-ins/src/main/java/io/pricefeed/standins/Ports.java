package io.pricefeed.standins;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Loopback port checks for the stand-ins: a random free port, or a clear error for a taken one. */
public final class Ports {
    private Ports() {
    }

    /** A port that was free a moment ago (the OS picks it), for tests that run side by side. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new StandInException("could not find a free local port: " + e.getMessage(), e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** True when something on loopback accepts a TCP connection on {@code port}. */
    static boolean acceptsConnections(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code port} itself when free, a random free port for 0, otherwise a one-line error. */
    public static int claim(int port, String what) {
        if (port == 0) {
            return freePort();
        }
        if (!isFree(port)) {
            throw new StandInException("port " + port + " (" + what + ") is already in use: stop whatever "
                    + "listens there (ss -ltnp | grep :" + port + ") or choose another port");
        }
        return port;
    }
}
